// The JavaScript API of cable-wasm: results, options, errors, and inputs that must
// neither crash nor hang.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { corpusDir, loadNode, loadWeb, root, sampleCsvRow, samplePath, wasmDir } from "./helpers.mjs";

const cable = loadNode();
const sample = readFileSync(samplePath, "utf8");
const CONTAINERS = ["text_export", "html_page", "html_pre", "csv_row", "bare_text"];

/** Every object with a `span` in the tree. */
function spans(node, out = []) {
  if (Array.isArray(node)) node.forEach((n) => spans(n, out));
  else if (node && typeof node === "object") {
    if (node.span) out.push(node.span);
    Object.values(node).forEach((n) => spans(n, out));
  }
  return out;
}

/** Asserts that `fn` throws a CableError of `kind`, and returns it. */
function cableError(fn, kind) {
  let caught;
  assert.throws(fn, (err) => {
    caught = err;
    return err instanceof Error && err.name === "CableError" && err.kind === kind;
  });
  for (const key of ["line", "column", "snippet", "expected", "offset"]) {
    assert.ok(key in caught, `CableError has ${key}`);
  }
  return caught;
}

describe("parse and parseJson", () => {
  test("09ASTANA1145: the tree as a plain object", () => {
    const tree = cable.parse(sample);
    assert.equal(Object.getPrototypeOf(tree), Object.prototype);
    assert.equal(tree.container, "text_export");
    assert.equal(tree.metadata.reference_id, "09ASTANA1145");
    assert.equal(tree.id, "09ASTANA1145");
    // `P 091056Z JUL 09`: the date-time group, in UTC.
    assert.equal(tree.sent, "2009-07-09T10:56:00Z");
    // `SUBJECT:  KAZAKHSTAN:  RBK CUSTOMS UNION, WTO, AND THE WAY` / `FORWARD`, no marking.
    assert.equal(tree.body.subject.text, "KAZAKHSTAN: RBK CUSTOMS UNION, WTO, AND THE WAY FORWARD");
    assert.equal(tree.body.subject.marking, null);
    // `TAGS: PGOV PREL ECON ETRD WTRO RS BO KZ`: five subject codes, three countries.
    assert.deepEqual(
      tree.body.tags.map((t) => t.code),
      ["PGOV", "PREL", "ECON", "ETRD", "WTRO", "RS", "BO", "KZ"],
    );
    assert.deepEqual(
      tree.body.tags.map((t) => t.kind),
      ["subject", "subject", "subject", "subject", "subject", "country", "country", "country"],
    );
    for (const tag of tree.body.tags) {
      assert.equal(tag.text, tag.code);
      assert.equal(tag.person, null);
    }
    assert.equal(tree.header.from, "AMEMBASSY ASTANA");
    assert.equal(tree.header.to.length, 1);
    // `TO RUEHC/SECSTATE WASHDC PRIORITY 5752`
    assert.equal(tree.header.to[0].precedence, "PRIORITY");
    assert.equal(tree.header.to[0].precedence_level, "priority");
    assert.equal(tree.header.info.length, 19);
    assert.equal(tree.header.info[18].precedence_level, "priority");
    assert.equal(tree.body.paragraphs.length, 8);
    // `UNCLAS SECTION 01 OF 02 ASTANA 001145`
    assert.deepEqual(
      { ...tree.body.banner, span: undefined },
      {
        marking: "UNCLAS",
        classification: "unclassified",
        section: { number: 1, of: 2 },
        station: "ASTANA",
        station_code: "ASTANA",
        serial: "001145",
        span: undefined,
      },
    );
    // `E.O. 12958: N/A`
    assert.equal(tree.body.executive_order.order, "12958");
    assert.deepEqual(
      { ...tree.body.executive_order.declassify, span: undefined },
      { raw: "N/A", kind: "not_applicable", date: null, codes: [], span: undefined },
    );
    // `REF: A. ASTANA 1018` / `B. ASTANA 1005` / `C. ASTANA 0830`: cables of the cable's year.
    const refs = tree.body.references;
    assert.deepEqual(refs.map((r) => r.label), ["A", "B", "C"]);
    assert.deepEqual(refs.map((r) => r.text), ["ASTANA 1018", "ASTANA 1005", "ASTANA 0830"]);
    assert.deepEqual(refs.map((r) => r.cited_id), ["09ASTANA1018", "09ASTANA1005", "09ASTANA830"]);
    assert.deepEqual(refs.map((r) => r.serial), [1018, 1005, 830]);
    for (const r of refs) {
      assert.equal(r.kind, "cable");
      assert.equal(r.notal, false);
      assert.equal(r.year, 2009);
      assert.equal(r.station, "ASTANA");
      assert.equal(typeof r.in_release, "boolean");
    }
    assert.equal(tree.body.classified_by, null);
    assert.equal(tree.body.signature.name, "HOAGLAND");
    // The text ends with the signer's line: nothing after it.
    assert.deepEqual(tree.body.trailers, []);
    assert.ok(Array.isArray(tree.diagnostics));
  });

  test("09ASTANA1145: the new nodes' spans cover what they stand for", () => {
    const tree = cable.parse(sample);
    const bytes = Buffer.from(sample);
    const slice = ({ start, end }) => bytes.subarray(start, end).toString();
    const { subject, tags, signature, references, executive_order: eo } = tree.body;
    assert.equal(slice(subject.span), "SUBJECT:  KAZAKHSTAN:  RBK CUSTOMS UNION, WTO, AND THE WAY \nFORWARD");
    assert.deepEqual(tags.map((t) => slice(t.span)), tags.map((t) => t.text));
    assert.equal(slice(signature.span), "HOAGLAND");
    assert.equal(slice(references[0].span), "A. ASTANA 1018");
    assert.equal(slice(references[2].span).replace(/^¶/, ""), "C. ASTANA 0830");
    assert.equal(slice(eo.declassify.span), "N/A");
    assert.equal(slice(tree.body.banner.span).trimEnd(), "UNCLAS SECTION 01 OF 02 ASTANA 001145");
  });

  test("06DAMASCUS141: classifier, declassification date, precedence", () => {
    const text = readFileSync(join(corpusDir, "cablegate-txt", "06DAMASCUS141.txt"), "utf8");
    const tree = cable.parse(text);
    assert.equal(tree.id, "06DAMASCUS141");
    // `O 091342Z JAN 06`
    assert.equal(tree.sent, "2006-01-09T13:42:00Z");
    // `TO RUEHC/SECSTATE WASHDC IMMEDIATE 6542`
    assert.equal(tree.header.to[0].precedence_level, "immediate");
    const { banner, executive_order: eo, classified_by: by, tags, subject, signature } = tree.body;
    // `C O N F I D E N T I A L DAMASCUS 000141`
    assert.equal(banner.marking, "C O N F I D E N T I A L");
    assert.equal(banner.classification, "confidential");
    assert.equal(banner.station_code, "DAMASCUS");
    // `E.O. 12958: DECL: 10/12/2015`
    assert.deepEqual(
      { ...eo.declassify, span: undefined },
      { raw: "10/12/2015", kind: "date", date: "2015-10-12", codes: [], span: undefined },
    );
    // `TAGS: PGOV PREL SY`
    assert.deepEqual(tags.map((t) => [t.code, t.kind]), [["PGOV", "subject"], ["PREL", "subject"], ["SY", "country"]]);
    assert.deepEqual(subject, { ...subject, text: "KHADDAM, UNIIIC, AND A POSSIBLE CABINET RESHUFFLE", marking: null });
    // `Classified By: Charge d'Affaires Stephen A. Seche, per 1.4 b,d.`
    assert.equal(by.by, "Charge d'Affaires Stephen A. Seche");
    assert.equal(by.name, "Stephen A. Seche");
    assert.equal(by.title, "Charge d'Affaires");
    assert.deepEqual(by.reasons, ["1.4(b)", "1.4(d)"]);
    assert.equal(signature.name, "SECHE");
  });

  test("subject marking, person and organisation tags, NOTAL, one item citing two cables, trailers", () => {
    const text = [
      "CONFIDENTIAL ASTANA 001145",
      "",
      "E.O. 12958: DECL: 1.6X1",
      "TAGS: PREL, OVIP (RICE, CONDOLEEZZA), KZ, NATO, KDEM",
      "SUBJECT: (C) A TEST OF",
      "THE TREE",
      "",
      "REF: A. ASTANA 1018 (NOTAL)",
      "     B. STATE 1234; STATE 5678",
      "     C. GUHA-CARTER E-MAIL (07SEP07)",
      "",
      "Classified By: Ambassador Richard E. Hoagland, Reasons 1.4 (b) and (d)",
      "",
      "1. (C) HELLO.",
      "",
      "HOAGLAND",
      "",
      "NNNN",
      "",
    ].join("\n");
    const tree = cable.parse(text, { year: 2009 });
    const bytes = Buffer.from(text);
    const slice = ({ start, end }) => bytes.subarray(start, end).toString();
    // No metadata, no DTG: the id is made from the banner and the year given.
    assert.equal(tree.id, "09ASTANA1145");
    assert.equal(tree.sent, null);
    const b = tree.body;
    assert.equal(b.subject.text, "A TEST OF THE TREE");
    assert.equal(b.subject.marking, "C");
    assert.equal(slice(b.subject.span), "SUBJECT: (C) A TEST OF\nTHE TREE");
    assert.deepEqual(
      b.tags.map((t) => [t.code, t.kind, t.person]),
      [
        ["PREL", "subject", null],
        ["OVIP (RICE, CONDOLEEZZA)", "person", "RICE, CONDOLEEZZA"],
        ["KZ", "country", null],
        ["NATO", "organisation", null],
        ["KDEM", "program", null],
      ],
    );
    assert.equal(slice(b.tags[1].span), "OVIP (RICE, CONDOLEEZZA)");
    assert.deepEqual(
      { ...b.executive_order.declassify, span: undefined },
      { raw: "1.6X1", kind: "code", date: null, codes: ["1.6X1"], span: undefined },
    );
    // Item B names two cables: one reference each, both labelled B.
    assert.deepEqual(
      b.references.map((r) => [r.label, r.text, r.kind, r.notal, r.station, r.serial, r.year, r.cited_id]),
      [
        ["A", "ASTANA 1018 (NOTAL)", "cable", true, "ASTANA", 1018, 2009, "09ASTANA1018"],
        ["B", "STATE 1234", "cable", false, "STATE", 1234, 2009, "09STATE1234"],
        ["B", "STATE 5678", "cable", false, "STATE", 5678, 2009, "09STATE5678"],
        ["C", "GUHA-CARTER E-MAIL (07SEP07)", "email", false, null, null, null, null],
      ],
    );
    assert.deepEqual(b.references.map((r) => slice(r.span)), [
      "A. ASTANA 1018 (NOTAL)",
      "B. STATE 1234",
      "STATE 5678",
      "C. GUHA-CARTER E-MAIL (07SEP07)",
    ]);
    assert.equal(b.references[3].in_release, null);
    assert.deepEqual(
      { ...b.classified_by, span: undefined },
      {
        by: "Ambassador Richard E. Hoagland",
        name: "Richard E. Hoagland",
        title: "Ambassador",
        reasons: ["1.4(b)", "1.4(d)"],
        raw: "Classified By: Ambassador Richard E. Hoagland, Reasons 1.4 (b) and (d)",
        span: undefined,
      },
    );
    assert.equal(b.signature.name, "HOAGLAND");
    assert.equal(slice(b.signature.span), "HOAGLAND");
    assert.deepEqual(b.trailers.map((t) => [t.text, slice(t.span)]), [["NNNN", "NNNN"]]);
    assert.deepEqual(tree.diagnostics, []);
  });

  test("JSON.stringify(parse(x)) is exactly parseJson(x)", () => {
    const json = cable.parseJson(sample);
    assert.equal(typeof json, "string");
    assert.equal(JSON.stringify(cable.parse(sample)), json);
    assert.ok(json.startsWith('{"container":"text_export","id":"09ASTANA1145","sent":"2009-07-09T10:56:00Z","metadata":{'));
    // Optional values are null, never omitted.
    assert.match(json, /"transmission_id":"VZCZCXRO8970"/);
    assert.match(json, /"comments":\[\]/);
    assert.match(json, /"classified_by":null/);
    assert.match(json, /"person":null/);
  });

  test("spans are UTF-8 byte ranges of the document text", () => {
    const tree = cable.parse(sample);
    const bytes = Buffer.byteLength(sample);
    const all = spans(tree);
    assert.ok(all.length > 30);
    for (const { start, end } of all) {
      assert.ok(Number.isInteger(start) && Number.isInteger(end) && start <= end && end <= bytes);
    }
    const subject = Buffer.from(sample).subarray(tree.header.dtg.span.start, tree.header.dtg.span.end).toString();
    assert.equal(subject, tree.header.dtg.raw);
  });

  test("a Uint8Array is parsed as UTF-8 bytes", () => {
    assert.equal(cable.parseJson(new TextEncoder().encode(sample)), cable.parseJson(sample));
  });

  test("options: container and strict", () => {
    assert.equal(cable.parse(sample, {}).container, "text_export");
    assert.equal(cable.parse(sample, null).container, "text_export");
    assert.equal(cable.parse(sample, { container: null, strict: false }).container, "text_export");
    const bare = sample.split("\n").slice(5).join("\n");
    assert.equal(cable.parse(bare).container, "bare_text");
    assert.equal(cable.parse(bare, { container: "bare_text" }).header.info.length, 19);
    for (const container of CONTAINERS) {
      assert.equal(cable.parse(sample, { container }).container, container);
    }
  });

  test("lenient results carry diagnostics", () => {
    const tree = cable.parse("FM AMEMBASSY X\nTO\n");
    assert.ok(tree.diagnostics.length > 0);
    for (const d of tree.diagnostics) {
      assert.ok(["error", "warning", "info"].includes(d.severity));
      assert.match(d.code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.equal(typeof d.message, "string");
      assert.ok(d.span.start <= d.span.end);
    }
  });

  test("the web build (pkg/web/) gives the same bytes", async () => {
    const web = await loadWeb();
    assert.equal(web.parseJson(sample), cable.parseJson(sample));
    assert.deepEqual(web.decode(sample), cable.decode(sample));
  });
});

describe("version and release index", () => {
  test("version() is the workspace's version, in both builds of the package", async () => {
    const workspace = /^version = "(.*)"$/m.exec(readFileSync(join(root, "Cargo.toml"), "utf8"))[1];
    assert.match(workspace, /^\d+\.\d+\.\d+/);
    assert.equal(cable.version(), workspace);
    assert.equal((await loadWeb()).version(), workspace);
  });

  test("the package's build carries the release index", () => {
    assert.equal(cable.releaseIndex(), true);
    const refs = cable.parse(sample).body.references;
    assert.deepEqual(refs.map((r) => r.in_release), [true, true, true]);
    // 09ASTANA999999 was never sent.
    const other = cable.parse("UNCLAS ASTANA 001145\nREF: ASTANA 999999\n\n1. (U) TEXT.\n", { year: 2009 });
    assert.deepEqual(other.body.references.map((r) => [r.cited_id, r.in_release]), [["09ASTANA999999", false]]);
  });

  test("the example page's build (examples/web/pkg/) leaves it out: in_release is null", async () => {
    const dir = join(root, "examples", "web", "pkg");
    const page = await import(join(dir, "cable.js"));
    page.initSync({ module: readFileSync(join(dir, "cable_bg.wasm")) });
    assert.equal(page.releaseIndex(), false);
    assert.equal(page.version(), cable.version());
    const tree = page.parse(sample);
    assert.deepEqual(tree.body.references.map((r) => [r.cited_id, r.in_release]), [
      ["09ASTANA1018", null],
      ["09ASTANA1005", null],
      ["09ASTANA830", null],
    ]);
    // Smaller: the index is about 140 KB of the package's .wasm.
    const size = (d) => readFileSync(join(d, "cable_bg.wasm")).length;
    assert.ok(size(dir) + 100_000 < size(join(wasmDir, "pkg", "web")), `${size(dir)} vs ${size(join(wasmDir, "pkg", "web"))}`);
  });
});

describe("errors", () => {
  test("strict mode throws an Error with line, column, snippet, expected, offset", () => {
    const err = cableError(() => cable.parseJson("FM AMEMBASSY X\nTO\n", { strict: true }), "syntax");
    assert.equal(err.line, 2);
    assert.equal(err.column, 1);
    assert.equal(err.snippet, "TO");
    assert.equal(typeof err.expected, "string");
    assert.ok(err.expected.length > 0);
    assert.equal(err.offset, 15);
    assert.match(err.message, /^2:1: expected /);
    assert.ok(err.stack);
    cableError(() => cable.parse("FM AMEMBASSY X\nTO\n", { strict: true }), "syntax");
  });

  test("bytes that are not UTF-8", () => {
    const err = cableError(() => cable.parse(new Uint8Array([0x55, 0x4e, 0xff, 0x0a])), "invalid_utf8");
    assert.equal(err.offset, 2);
    assert.equal(err.line, null);
    assert.equal(err.snippet, null);
    cableError(() => cable.decode(new Uint8Array([0xc3])), "invalid_utf8");
  });

  test("inputs over maxInputBytes", () => {
    const err = cableError(() => cable.parseJson("UNCLAS X\n", { maxInputBytes: 4 }), "too_large");
    assert.match(err.message, /9 bytes exceeds the limit of 4 bytes/);
    assert.equal(err.offset, null);
    cableError(() => cable.decode("UNCLAS X\n", { maxInputBytes: 4 }), "too_large");
    assert.equal(cable.parse("UNCLAS X\n", { maxInputBytes: 9 }).container, "bare_text");
  });

  test("options.year resolves the REF items of a bare <pre> block", () => {
    const pre = "<pre>UNCLAS BERLIN 001767\n\nREF: A. BERLIN 1398\n\n1. (U) TEXT.\n</pre>";
    assert.equal(cable.parse(pre).body.references[0].cited_id, null);
    assert.equal(cable.parse(pre, { year: 2007 }).body.references[0].cited_id, "07BERLIN1398");
    assert.throws(() => cable.parse(pre, { year: "2007" }), TypeError);
    assert.throws(() => cable.parse(pre, { year: 20.07 }), TypeError);
  });

  test("options.fileName: a reference id as file name gives the cable its id and year", () => {
    const pre = "<pre>UNCLAS BERLIN 001767\n\nREF: A. BERLIN 1398\n\n1. (U) TEXT.\n</pre>";
    assert.equal(cable.parse(pre).id, null);
    const named = cable.parse(pre, { fileName: "07BERLIN1767.html" });
    assert.equal(named.id, "07BERLIN1767");
    assert.equal(named.body.references[0].cited_id, "07BERLIN1398");
    assert.ok(named.diagnostics.some((d) => d.code === "id-from-file-name"));
    // A path works too; a name that is no reference id gives nothing.
    assert.equal(cable.parse(pre, { fileName: "cables/07BERLIN1767.html" }).id, "07BERLIN1767");
    assert.equal(cable.parse(pre, { fileName: "cable.html" }).id, null);
    const off = cable.parse(pre, { fileName: "07BERLIN1767.html", idFromFileName: false });
    assert.equal(off.id, null);
    assert.equal(off.body.references[0].cited_id, null);
    // The text's own id comes first: the metadata of a text export.
    assert.equal(cable.parse(sample, { fileName: "07BERLIN1767.txt" }).id, "09ASTANA1145");
    assert.throws(() => cable.parse(pre, { fileName: 7 }), TypeError);
    assert.throws(() => cable.parse(pre, { idFromFileName: "no" }), TypeError);
  });

  test("bad arguments throw a TypeError", () => {
    const cases = [
      () => cable.parse(undefined),
      () => cable.parse(42),
      () => cable.parse({ text: "x" }),
      () => cable.parse("x", "strict"),
      () => cable.parse("x", { container: "pdf" }),
      () => cable.parse("x", { container: 3 }),
      () => cable.parse("x", { strict: "yes" }),
      () => cable.parse("x", { maxInputBytes: -1 }),
      () => cable.parse("x", { maxInputBytes: 1.5 }),
      () => cable.parse("x", { fileName: ["a.txt"] }),
      () => cable.parse("x", { idFromFileName: 1 }),
      () => cable.decode("x", { container: "Text_Export" }),
    ];
    for (const fn of cases) assert.throws(fn, TypeError);
    assert.throws(() => cable.parse("x", { container: "pdf" }), /expected one of text_export, html_page/);
  });
});

describe("decode", () => {
  test("text export: the document text is the input", () => {
    assert.deepEqual(cable.decode(sample), { container: "text_export", text: sample });
  });

  test("HTML: tags stripped, spans index the decoded text", () => {
    const html = readFileSync(join(corpusDir, "cablegate-html", "08ASTANA338.html"), "utf8");
    const decoded = cable.decode(html);
    assert.equal(decoded.container, "html_pre");
    assert.ok(!decoded.text.includes("<a "));
    const tree = cable.parse(html);
    const bytes = Buffer.from(decoded.text);
    for (const { start, end } of spans(tree)) assert.ok(start <= end && end <= bytes.length);
    // `TAGS PGOV, PREL, EPET, PINR, KZ`: the spans of the tags index the decoded text.
    assert.deepEqual(tree.body.tags.map((t) => t.code), ["PGOV", "PREL", "EPET", "PINR", "KZ"]);
    assert.deepEqual(
      tree.body.tags.map((t) => bytes.subarray(t.span.start, t.span.end).toString()),
      ["PGOV", "PREL", "EPET", "PINR", "KZ"],
    );
    const { start, end } = tree.body.paragraphs[0].span;
    assert.match(bytes.subarray(start, end).toString(), /^¶?1\./);
    assert.equal(cable.decode(html, { container: "html_pre" }).text, decoded.text);
  });

  test("a cables.csv row: the header and body fields, unescaped", () => {
    const row = sampleCsvRow(sample);
    const decoded = cable.decode(row);
    assert.equal(decoded.container, "csv_row");
    assert.ok(decoded.text.includes("\nFM AMEMBASSY ASTANA\n"));
    const tree = cable.parse(row);
    assert.equal(tree.container, "csv_row");
    assert.equal(tree.metadata.reference_id, "09ASTANA1145");
    assert.deepEqual(tree.metadata.referenced_ids, ["09ASTANA1018", "09ASTANA1005"]);
    assert.equal(tree.header.info.length, 19);
    assert.equal(tree.body.paragraphs.length, 8);
    const bytes = Buffer.from(decoded.text);
    const { start, end } = tree.header.dtg.span;
    assert.equal(bytes.subarray(start, end).toString(), tree.header.dtg.raw);
  });
});

describe("no input crashes or hangs", () => {
  const bytes = (n, seed) => {
    let x = seed;
    return Uint8Array.from({ length: n }, () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
  };
  const nasty = [
    "",
    "\n",
    " \t\r\n\u000b\f",
    "\u0000".repeat(1000),
    "\ud800 lone surrogate \udfff",
    "¶".repeat(5000),
    "(".repeat(100_000),
    "UNCLAS ".repeat(20_000),
    "A".repeat(1 << 18),
    "TO ".repeat(20_000),
    "1. ".repeat(30_000),
    "REF: A. ".repeat(20_000),
    "<pre>".repeat(10_000),
    "<code><pre>" + "&amp;&#1;&#xFFFFFF;&bogus;".repeat(2000),
    '"1","12/28/1966 18:48","66X1","Y","UNCLASSIFIED","",' + '"\\"'.repeat(5000),
    sample.replaceAll("\n", "\r\n"),
    sample.replaceAll("\n", "\r"),
    sample.slice(0, sample.length >> 1),
    sample.split("\n").reverse().join("\n"),
    sample.repeat(20),
    new TextDecoder().decode(bytes(200_000, 7)),
  ];
  // Every prefix of the sample at a coarse step: truncated pastes.
  for (let i = 0; i < sample.length; i += 97) nasty.push(sample.slice(0, i));

  // The timeout only turns a hang into a failure; it is no speed claim.
  test(`${nasty.length} odd inputs, every container, lenient and strict`, { timeout: 300_000 }, () => {
    for (const text of nasty) {
      for (const container of [undefined, ...CONTAINERS]) {
        const tree = cable.parse(text, { container });
        assert.ok(Array.isArray(tree.diagnostics));
        assert.equal(typeof cable.decode(text, { container }).text, "string");
        try {
          cable.parseJson(text, { container, strict: true });
        } catch (err) {
          assert.equal(err.name, "CableError", `strict mode threw ${err}`);
        }
      }
    }
  });

  test("random bytes", () => {
    for (let seed = 1; seed <= 50; seed++) {
      try {
        cable.parse(bytes(4096, seed));
      } catch (err) {
        assert.equal(err.kind, "invalid_utf8");
      }
    }
  });
});

// The adversarial cases of cable-core/tests/adversarial.rs, at the sizes of the issue.
describe("adversarial inputs", () => {
  const BANNER = "UNCLAS SECTION 01 OF 02 ASTANA 001145\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: A TEST\n\n";
  const CABLE = BANNER + "1. (U) HELLO.\n\n2. (SBU) WORLD.\n";
  const lines = (n, line) => Array.from({ length: n }, (_, i) => line(i)).join("");
  const cases = {
    "a 10 MB line": () => BANNER + "1. (U) " + "WORD ".repeat(2 * 1024 * 1024),
    "a 1,000,000-line cable": () => BANNER + "1. (U) LINE.\n" + "TEXT OF A LINE\n".repeat(999_999),
    "100,000 recipients": () =>
      "VZCZCXRO8970\nPP RUEHAST\nDE RUEHTA #1145/01 1841109\nZNR UUUUU ZZH\nP 031109Z JUL 09\n" +
      "FM AMEMBASSY ASTANA\nTO RUEHC/SECSTATE WASHDC PRIORITY 5752\nINFO " +
      lines(100_000, (i) => `RUEHXX/AMEMBASSY CITY${i} PRIORITY ${i}\n`) +
      CABLE,
    "a REF list of 50,000 items": () =>
      "UNCLAS ASTANA 001145\n\nSUBJECT: REFS\n\nREF: A. STATE 1\n" +
      lines(49_999, (i) => `${String.fromCharCode(65 + ((i + 1) % 26))}. STATE ${i + 2}\n`) +
      "\n1. (U) HELLO.\n",
    "200,000 nested tags": () => "<pre>" + "<b>".repeat(200_000) + CABLE + "</b>".repeat(200_000) + "</pre>",
    "500,000 open brackets": () => BANNER + "(".repeat(500_000),
  };

  for (const [name, make] of Object.entries(cases)) {
    test(name, { timeout: 300_000 }, () => {
      const text = make();
      const tree = cable.parse(text);
      assert.ok(Array.isArray(tree.diagnostics));
      try {
        cable.parseJson(text, { strict: true });
      } catch (err) {
        assert.equal(err.name, "CableError");
        assert.equal(err.kind, "syntax");
      }
      if (name === "a 10 MB line") assert.equal(tree.body.paragraphs[0].text.length, 5 * 2 * 1024 * 1024 - 1);
      if (name === "100,000 recipients") assert.equal(tree.header.info.length, 100_000);
      if (name === "a REF list of 50,000 items") assert.equal(tree.body.references.length, 50_000);
    });
  }

  test("invalid UTF-8 at the first, a middle and the last byte", () => {
    const bytes = new TextEncoder().encode(CABLE);
    for (const at of [0, bytes.length >> 1, bytes.length - 1]) {
      const bad = bytes.slice();
      bad[at] = 0xff;
      assert.equal(cableError(() => cable.parse(bad), "invalid_utf8").offset, at);
    }
  });

  test("Latin-1 bytes are refused; decoded Latin-1 text keeps its accents", () => {
    const text = BANNER + "1. (U) CAFÉ, JOSÉ.\n";
    const latin1 = Uint8Array.from(text, (c) => c.charCodeAt(0));
    cableError(() => cable.parse(latin1), "invalid_utf8");
    assert.equal(cable.parse(text).body.paragraphs[0].text, "CAFÉ, JOSÉ.");
  });

  test("empty and whitespace-only input", () => {
    for (const text of ["", " \t\r\n\u000b\f\u00a0\ufeff".repeat(1000)]) {
      assert.deepEqual(cable.parse(text).diagnostics.map((d) => d.code), ["no-cable-text"]);
      cableError(() => cable.parse(text, { strict: true }), "syntax");
    }
  });

  test("HTML scripts and unclosed tags never reach the tree", () => {
    const html =
      "<pre>" + BANNER + "1. (U) HELLO <script>alert(1)</script>WORLD.\n" +
      "2. (U) MORE <style>p{}</style><script>never closed <img src=x onerror=alert(1)";
    const json = cable.parseJson(html, { container: "html_pre" });
    for (const markup of ["<script", "alert(", "<style", "onerror", "<img"]) assert.ok(!json.includes(markup), markup);
    assert.equal(JSON.parse(json).body.paragraphs[0].text, "HELLO WORLD.");
  });
});
