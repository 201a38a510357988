// A TypeScript user of cable-wasm: `tsc -p tests/tsconfig.json` must accept this file.
// Each @ts-expect-error line must be rejected, or tsc fails on the unused directive.
import init, {
  decode,
  parse,
  parseJson,
  type Cable,
  type CableError,
  type Container,
  type DecodedText,
  type Diagnostic,
  type Paragraph,
  type ParseOptions,
  type Recipient,
} from "../../pkg/cable.js";
import * as node from "../../pkg-node/cable.js";

export async function summary(text: string): Promise<string> {
  await init();
  const options: ParseOptions = { container: "text_export", strict: false, maxInputBytes: 1 << 20 };
  const cable: Cable = parse(text, options);
  const tags: string[] = cable.body?.tags ?? [];
  const info: Recipient[] = cable.header?.info ?? [];
  const paragraphs: Paragraph[] = cable.body?.paragraphs ?? [];
  const numbers: (number | null)[] = paragraphs.map((p) => p.number);
  const level: "unclassified" | "confidential" | "secret" | "top_secret" | undefined =
    cable.body?.banner?.classification;
  const container: Container = cable.container;
  const { start, end }: { start: number; end: number } = cable.span;
  const diagnostics: Diagnostic[] = cable.diagnostics;
  const severity: "error" | "warning" | "info" | undefined = diagnostics[0]?.severity;
  const refs: (string | null)[] = cable.body?.references.map((r) => r.cable_id) ?? [];
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
    const kind: "syntax" | "invalid_utf8" | "too_large" = err.kind;
    console.log(where, kind, err.offset);
  }

  // The tree from the Node build has the same type.
  const same: Cable = node.parse(text, { container: "bare_text" });

  // @ts-expect-error: body may be null
  cable.body.tags;
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

  return [tags, info.length, numbers, level, container, start, end, severity, refs, partial, reference, json, docText, same]
    .map(String)
    .join(" ");
}
