// A TypeScript user of cable-wasm: `tsc -p tests/tsconfig.json` must accept this file.
// Each @ts-expect-error line must be rejected, or tsc fails on the unused directive.
import init, {
  decode,
  parse,
  parseJson,
  type Cable,
  type CableError,
  type ClassifiedBy,
  type Container,
  type DecodedText,
  type Declassify,
  type DeclassifyKind,
  type Diagnostic,
  type Paragraph,
  type ParseOptions,
  type Precedence,
  type Recipient,
  type Reference,
  type ReferenceKind,
  type Signature,
  type Subject,
  type Tag,
  type TagKind,
  type Trailer,
} from "../../pkg/web/cable.js";
import * as node from "../../pkg/node/cable.cjs";

export async function summary(text: string): Promise<string> {
  await init();
  const options: ParseOptions = {
    container: "text_export",
    strict: false,
    maxInputBytes: 1 << 20,
    year: 2009,
    fileName: "09ASTANA1145.txt",
    idFromFileName: true,
  };
  const cable: Cable = parse(text, options);
  const id: string | null = cable.id;
  const sent: string | null = cable.sent;
  const tagList: Tag[] = cable.body?.tags ?? [];
  const tags: string[] = tagList.map((t) => t.code);
  const kinds: TagKind[] = tagList.map((t) => t.kind);
  const people: (string | null)[] = tagList.map((t) => t.person);
  const subjectNode: Subject | null | undefined = cable.body?.subject;
  const subject: string | undefined = subjectNode?.text;
  const subjectMarking: string | null | undefined = subjectNode?.marking;
  const signature: Signature | null | undefined = cable.body?.signature;
  const signer: string | undefined = signature?.name;
  const trailers: Trailer[] = cable.body?.trailers ?? [];
  const declassify: Declassify | null | undefined = cable.body?.executive_order?.declassify;
  const declassifyKind: DeclassifyKind | undefined = declassify?.kind;
  const declassifyDate: string | null | undefined = declassify?.date;
  const classifiedBy: ClassifiedBy | null | undefined = cable.body?.classified_by;
  const classifier: [string | null, string | null, string[]] | undefined = classifiedBy
    ? [classifiedBy.name, classifiedBy.title, classifiedBy.reasons]
    : undefined;
  const stationCode: string | null | undefined = cable.body?.banner?.station_code;
  const info: Recipient[] = cable.header?.info ?? [];
  const paragraphs: Paragraph[] = cable.body?.paragraphs ?? [];
  const numbers: (number | null)[] = paragraphs.map((p) => p.number);
  const level: "unclassified" | "confidential" | "secret" | "top_secret" | undefined =
    cable.body?.banner?.classification;
  const container: Container = cable.container;
  const { start, end }: { start: number; end: number } = cable.span;
  const diagnostics: Diagnostic[] = cable.diagnostics;
  const severity: "error" | "warning" | "info" | undefined = diagnostics[0]?.severity;
  const references: Reference[] = cable.body?.references ?? [];
  const refs: (string | null)[] = references.map((r) => r.cited_id);
  const refKinds: ReferenceKind[] = references.map((r) => r.kind);
  const refFacts: [boolean, number | null, string | null, number | null, boolean | null][] = references.map(
    (r) => [r.notal, r.year, r.station, r.serial, r.in_release],
  );
  const levels: (Precedence | null)[] = info.map((r) => r.precedence_level);
  const routeNames: (string | null)[] = info.map((r) => r.route_name);
  const partial: boolean = cable.partial;
  const reference: string | undefined = cable.metadata?.reference_id;

  const json: string = parseJson(new Uint8Array([0x55]), null);
  const decoded: DecodedText = decode(text);
  const docText: string = decoded.text;

  try {
    parse(text, { strict: true });
  } catch (e) {
    const err = e as CableError;
    const where: string = err.line === null ? err.message : `${err.line}:${err.column} ${err.snippet} ${err.expected}`;
    const kind: "syntax" | "invalid_utf8" | "too_large" | "io" = err.kind;
    console.log(where, kind, err.offset);
  }

  // The tree from the Node build has the same type.
  const same: Cable = node.parse(text, { container: "bare_text" });

  // @ts-expect-error: body may be null
  cable.body.tags;
  // @ts-expect-error: the subject is an object ({ text, marking, span }), not a string
  const flatSubject: string | null | undefined = cable.body?.subject;
  // @ts-expect-error: tags are objects ({ text, code, kind, person, span }), not strings
  const flatTags: string[] = cable.body?.tags ?? [];
  // @ts-expect-error: the signature is an object ({ name, span }), not a string
  const flatSigner: string | null | undefined = cable.body?.signature;
  // @ts-expect-error: not a tag kind (the tree spells it the British way)
  const kind: TagKind = "organization";
  // @ts-expect-error: a reference's serial is a number
  const serial: string | null | undefined = references[0]?.serial;
  // @ts-expect-error: fileName is a string
  parse(text, { fileName: 7 });
  // @ts-expect-error: not a container name
  parse(text, { container: "pdf" });
  // @ts-expect-error: strict is a boolean
  parse(text, { strict: "yes" });
  // @ts-expect-error: no such field in the tree
  cable.header?.recipients;
  // @ts-expect-error: a span is a plain object, not a Map
  cable.span.get("start");
  // @ts-expect-error: the text is a string or bytes
  parse(42);

  return [tags, info.length, numbers, level, container, start, end, severity, refs, partial, reference, json, docText, same,
    id, sent, kinds, people, subject, subjectMarking, signer, trailers, declassifyKind, declassifyDate, classifier,
    stationCode, refKinds, refFacts, levels, routeNames, flatSubject, flatTags, flatSigner, kind, serial]
    .map(String)
    .join(" ");
}
