// The cable page: paste or drop a cable, see it parsed as you type.
//
// Parsing runs in a worker (worker.js) with cable-wasm (pkg/, built by
// cable-wasm/build.sh); a parse that takes too long is stopped and the worker replaced,
// so no input can freeze the page. The tree is rendered with DOM calls only (the
// cable text never goes through innerHTML). Every rendered node that has a span
// carries it in data-span="start,end" (UTF-8 byte offsets into the document text);
// hovering it highlights that range in the source.

let timeoutMs = 10_000;
const MAX_FILE_BYTES = 16 * 1024 * 1024;
const EXAMPLE_URL = "samples/09ASTANA1145.txt";

const $ = (id) => document.getElementById(id);
const input = $("input");
const backdrop = $("backdrop");
const editor = $("editor");
const decodedPane = $("decoded-pane");
const decodedPre = $("decoded");
const decodedNote = $("decoded-note");
const treeEl = $("tree");
const statusEl = $("status");
const containerSelect = $("container");
const strictBox = $("strict");
const downloadButton = $("download");

// ---------------------------------------------------------------------------------
// The parser: a module worker, replaced when it hangs or traps.

class Parser {
  constructor() {
    this.pending = new Map();
    this.nextId = 1;
    this.inline = null;
    this.ready = this.start();
  }

  start() {
    this.worker?.terminate();
    return new Promise((resolve, reject) => {
      let worker;
      try {
        // ?noworker: parse on the page thread (what happens where module workers are missing).
        if (new URLSearchParams(location.search).has("noworker")) throw new Error("?noworker");
        worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
      } catch (err) {
        reject(err);
        return;
      }
      this.worker = worker;
      worker.onmessage = ({ data }) => {
        if (data.ready) {
          showBuild(data.build);
          resolve();
        }
        else if (data.fatal && data.id === undefined) reject(new Error(data.error.message));
        else this.settle(data);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(event.message || "the parser worker failed to start"));
        this.failAll({ name: "Error", message: event.message || "the parser worker failed" });
      };
    }).catch(async (err) => {
      // No module workers here (or they failed): parse on this thread instead.
      console.warn("cable: worker unavailable, parsing on the page thread:", err);
      this.worker?.terminate();
      this.worker = null;
      const mod = await import("./pkg/cable.js");
      await mod.default();
      showBuild({ version: mod.version(), releaseIndex: mod.releaseIndex() });
      this.inline = mod;
    });
  }

  /** Resolves to the worker's reply for `text`. */
  async parse(text, options) {
    await this.ready;
    if (this.inline) return inlineParse(this.inline, text, options);
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.restart();
        resolve({
          id,
          ok: false,
          error: { name: "Timeout", message: `Parsing took more than ${timeoutMs / 1000} s and was stopped.` },
        });
      }, timeoutMs);
      this.pending.set(id, { resolve, timer });
      this.worker.postMessage({ id, text, options });
    });
  }

  settle(reply) {
    const entry = this.pending.get(reply.id);
    if (!entry) return;
    this.pending.delete(reply.id);
    clearTimeout(entry.timer);
    if (reply.fatal) {
      this.restart();
      entry.resolve({ ...reply, ok: false });
    } else {
      entry.resolve(reply);
    }
  }

  failAll(error) {
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.resolve({ id, ok: false, error });
    }
    this.pending.clear();
  }

  restart() {
    this.failAll({ name: "Error", message: "superseded" });
    this.ready = this.start();
  }
}

/** Says in the footer which build of cable-wasm parses, and whether it knows the release. */
function showBuild({ version, releaseIndex }) {
  $("build").textContent = `cable-wasm ${version}${releaseIndex ? "" : " · without the release index"}`;
}

/** The worker's protocol, on the page thread (fallback). */
function inlineParse(mod, text, options) {
  const run = (opts) => {
    const started = performance.now();
    const json = mod.parseJson(text, opts);
    const ms = performance.now() - started;
    const decoded = mod.decode(text, opts);
    return { json, ms, container: decoded.container, docText: decoded.text === text ? null : decoded.text };
  };
  try {
    return { ok: true, ...run(options) };
  } catch (err) {
    const error = { name: err.name, message: err.message };
    for (const key of ["kind", "line", "column", "snippet", "expected", "offset"]) error[key] = err[key];
    const reply = { ok: false, error };
    if (err.name === "CableError" && options.strict) {
      try {
        Object.assign(reply, run({ ...options, strict: false }));
      } catch {
        // The error alone is shown.
      }
    }
    return reply;
  }
}

// ---------------------------------------------------------------------------------
// Byte offsets (spans) to string indexes, and lines.

/** Maps UTF-8 byte offsets of `text` to UTF-16 indexes, and indexes to lines. */
class TextIndex {
  constructor(text) {
    this.text = text;
    if (/^[\x00-\x7f]*$/.test(text)) {
      this.bytes = text.length;
      this.map = null;
    } else {
      const map = new Uint32Array(text.length * 3 + 1);
      let b = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.codePointAt(i);
        const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        for (let k = 0; k < n; k++) map[b + k] = i;
        b += n;
        if (c >= 0x10000) i++;
      }
      map[b] = text.length;
      this.bytes = b;
      this.map = map;
    }
    this.lineStarts = null;
  }

  /** The string index of byte offset `b`. */
  unit(b) {
    const clamped = Math.max(0, Math.min(b, this.bytes));
    return this.map ? this.map[clamped] : clamped;
  }

  /** 1-based line and column (in characters) of byte offset `b`. */
  position(b) {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = this.text.indexOf("\n"); i !== -1; i = this.text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
    }
    const u = this.unit(b);
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= u) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: [...this.text.slice(this.lineStarts[lo], u)].length + 1 };
  }
}

// ---------------------------------------------------------------------------------
// DOM helpers.

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "span") node.dataset.span = `${value.start},${value.end}`;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const LEVELS = {
  unclassified: "Unclassified",
  confidential: "Confidential",
  secret: "Secret",
  top_secret: "Top Secret",
};

/** The classification level of a written marking, or null. */
function levelOf(text) {
  const t = String(text ?? "").toUpperCase().replace(/\s+/g, " ");
  const squeezed = t.replace(/ /g, "");
  if (/TOPSECRET|^TS\b/.test(squeezed) || /^TS(\/|$)/.test(t)) return "top_secret";
  if (/SECRET/.test(squeezed) || /^S(\/|$)/.test(t)) return "secret";
  if (/CONFIDENTIAL/.test(squeezed) || /^C(\/|$)/.test(t)) return "confidential";
  if (/UNCLAS|^U(\/|$)|^SBU|FOUO|^U$/.test(t)) return "unclassified";
  return null;
}

function classificationOf(tree) {
  const banner = tree.body?.banner;
  const written = tree.metadata?.classification || banner?.marking || null;
  const level = banner?.classification ?? levelOf(written);
  return { level, written: written ?? (level ? LEVELS[level] : null) };
}

const PRECEDENCE = { Z: "flash", O: "immediate", P: "priority", R: "routine" };

function precedenceOf(header) {
  const code = header?.precedence ?? header?.routing?.precedence ?? null;
  if (!code) return null;
  const words = [...new Set(code.split(/\s+/).flatMap((c) => [...c]).map((c) => PRECEDENCE[c]).filter(Boolean))];
  return words.length ? `${code} (${words.join(", ")})` : code;
}

/** The reference id (the tree's `id`) and where it comes from: the metadata, the banner
 * and the year the text gives, or the file's name. */
function referenceIdOf(tree) {
  if (!tree.id) return null;
  if (tree.metadata?.reference_id === tree.id) return { id: tree.id, how: null };
  if (tree.diagnostics.some((d) => d.code === "id-from-file-name")) return { id: tree.id, how: "from the file name" };
  return { id: tree.id, how: "from the banner and the date" };
}

/** The subject's text: the body's full subject, else the metadata's short one. */
function subjectOf(tree) {
  return tree.body?.subject?.text || tree.metadata?.subject || null;
}

/** A date of the tree (RFC 3339) for people: `2009-07-09 10:56 UTC`, `2009-07-09`. */
function formatDate(date) {
  return date
    .replace(/T00:00:00(?:Z|[+-]\d\d:\d\d)?$/, "")
    .replace(/:00Z$/, " UTC")
    .replace(/:00([+-]\d\d:\d\d)$/, " $1")
    .replace("T", " ");
}

const TAG_KINDS = {
  subject: "subject",
  country: "country or area",
  organisation: "organisation",
  program: "program",
  person: "person",
  other: "other",
};

function tagItem(t) {
  const title = [TAG_KINDS[t.kind] ?? t.kind, t.person, t.text !== t.code ? `written ${t.text}` : null].filter(Boolean);
  return el("li", { class: `tag kind-${t.kind}`, span: t.span, title: title.join(" · "), "data-kind": t.kind }, t.code);
}

/** "5 subject · 3 country or area": the kinds of the tags, in their colours. */
function tagLegend(tags) {
  const counts = new Map();
  for (const t of tags) counts.set(t.kind, (counts.get(t.kind) ?? 0) + 1);
  return el(
    "p",
    { class: "tag-legend" },
    [...counts].map(([kind, n]) => el("span", { class: `kind kind-${kind}` }, `${n} ${TAG_KINDS[kind] ?? kind}`)),
  );
}

/** What the E.O. line says about declassification, in words. */
function declassifyText(d) {
  if (!d) return null;
  switch (d.kind) {
    case "date":
      return d.date ? `declassify on ${d.date}` : `declassify: ${d.raw}`;
    case "not_applicable":
      return "not classified (N/A)";
    case "code":
      return `exempt: ${d.codes.join(", ") || d.raw}`;
    default:
      return `declassify: ${d.raw}`;
  }
}

const REFERENCE_KINDS = {
  cable: "cable",
  email: "e-mail",
  telcon: "telcon",
  memcon: "memcon",
  letter: "letter",
  meeting: "meeting",
  report: "report",
  other: "other",
};

function referenceItem(r) {
  let target = null;
  if (r.cited_id && r.in_release) target = cableLink(r.cited_id);
  else if (r.cited_id && r.in_release === null) {
    // A build without the release index (this page's): the link may lead nowhere.
    target = cableLink(r.cited_id, "not checked against the release: this page's parser carries no release index");
  } else if (r.cited_id) {
    target = el("span", { class: "cable-id muted", title: "not one of the Cablegate release" }, r.cited_id, " (not in the release)");
  } else if (r.kind === "cable") {
    target = el("span", { class: "muted", title: "the year of the cited cable is not known" }, "no cable id");
  }
  return el(
    "li",
    { span: r.span, class: `reference kind-${r.kind}` },
    el("span", { class: "label" }, r.label ? `${r.label}.` : ""),
    el("span", { class: "ref-text" }, r.text),
    r.kind !== "cable" ? el("span", { class: "chip ref-kind" }, REFERENCE_KINDS[r.kind] ?? r.kind) : null,
    r.notal ? el("span", { class: "chip notal", title: "not sent to all addressees of the cited cable" }, "NOTAL") : null,
    target,
  );
}

function cableLink(id, note = null) {
  return el(
    "a",
    {
      class: note ? "cable-link unchecked" : "cable-link",
      href: `https://wikileaks.org/plusd/cables/${encodeURIComponent(id)}_a.html`,
      target: "_blank",
      rel: "noopener noreferrer",
      title: note ? `Open ${id} (${note})` : `Open ${id}`,
    },
    id,
  );
}

function fact(label, ...value) {
  const content = value.flat().filter((v) => v != null && v !== "");
  if (!content.length) return null;
  return [el("dt", null, label), el("dd", null, content)];
}

function recipientItem(r) {
  return el(
    "li",
    { span: r.span, class: "recipient" },
    r.route ? el("span", { class: "route", title: r.route_name }, `${r.route}/`) : null,
    el("span", { class: "name" }, r.name || r.route_name || ""),
    r.precedence ? el("span", { class: "prec", title: r.precedence_level?.replace("_", " ") }, r.precedence) : null,
    r.mcn ? el("span", { class: "mcn" }, r.mcn) : null,
    r.excluded.length ? el("span", { class: "excluded" }, `XMT ${r.excluded.join(", ")}`) : null,
  );
}

function markingBadge(marking) {
  if (!marking) return null;
  return el("span", { class: `marking level-${levelOf(marking) ?? "other"}` }, `(${marking})`);
}

// ---------------------------------------------------------------------------------
// Rendering the tree.

function renderTree(tree, json, error, index) {
  const out = [];
  if (error) out.push(errorCard(error, index));
  if (!tree) return out;

  const { header: h, body: b, metadata: m } = tree;
  const cls = classificationOf(tree);
  const ref = referenceIdOf(tree);
  const date = tree.sent ?? m?.date ?? null;
  const subject = subjectOf(tree);

  out.push(
    el(
      "article",
      { class: `card header-card level-${cls.level ?? "other"}`, span: m?.span ?? h?.span ?? tree.span },
      el(
        "div",
        { class: "card-top" },
        el("span", { class: "refid", title: ref?.how ? `made ${ref.how}` : null },
          ref ? ref.id : "no reference id", ref?.how ? el("small", null, ` (${ref.how})`) : null),
        cls.written ? el("span", { class: `classification level-${cls.level ?? "other"}` }, cls.written) : null,
        tree.partial ? el("span", { class: "chip warn" }, "partial extract") : null,
        el("span", { class: "chip" }, tree.container.replace("_", " ")),
      ),
      el("div", { class: "subject-line" },
        markingBadge(b?.subject?.marking),
        el("h2", { class: "subject", span: b?.subject?.text ? b.subject.span : null }, subject ?? "(no subject)")),
      el(
        "dl",
        { class: "facts" },
        fact("Sent", date ? el("time", { datetime: date }, formatDate(date)) : null,
          h?.dtg ? el("span", { class: "dtg", span: h.dtg.span }, ` DTG ${h.dtg.raw}`) : null),
        fact("Classification", cls.written),
        fact("Origin", m?.origin ?? null),
        fact("Precedence", precedenceOf(h)),
        fact("From", h?.from ?? null),
        fact("To", h?.to.length ? el("ul", { class: "recipients to" }, h.to.map(recipientItem)) : null),
        fact(
          h?.info.length ? `Info (${h.info.length})` : "Info",
          h?.info.length ? el("ul", { class: "recipients info" }, h.info.map(recipientItem)) : null,
        ),
        fact("Station", h?.de ? el("span", { span: h.de.span }, `DE ${h.de.station}${h.de.sequence ? ` #${h.de.sequence}` : ""}${h.de.part ? `/${h.de.part}` : ""}`) : null,
          h?.transmission_id ? el("span", { class: "muted" }, ` · ${h.transmission_id}`) : null),
        fact("Distribution", h?.distribution ? el("span", { span: h.distribution.span }, h.distribution.codes.join(" ")) : null),
      ),
    ),
  );

  if (b) {
    if (b.tags.length) {
      out.push(section(`Tags (${b.tags.length})`, el("ul", { class: "tags" }, b.tags.map(tagItem)), tagLegend(b.tags)));
    }
    const handling = [
      b.banner ? el("div", { span: b.banner.span, class: "banner-line" }, b.banner.marking,
        b.banner.section ? ` · section ${b.banner.section.number} of ${b.banner.section.of}` : "",
        b.banner.station ? ` · ${b.banner.station}` : "", b.banner.serial ? ` ${b.banner.serial}` : "",
        b.banner.station_code && b.banner.station_code !== b.banner.station
          ? el("span", { class: "muted", title: "the station as reference ids spell it" }, ` (${b.banner.station_code})`) : "") : null,
      b.caveats.length ? el("div", null, b.caveats.map((c) => el("span", { class: "chip" }, c))) : null,
      b.addressees.map((a) => el("div", { class: "muted" }, a)),
      b.executive_order ? el("div", { span: b.executive_order.span, class: "eo" }, b.executive_order.raw,
        b.executive_order.declassify
          ? el("span", { class: `chip declassify decl-${b.executive_order.declassify.kind}`, span: b.executive_order.declassify.span },
            declassifyText(b.executive_order.declassify))
          : null) : null,
      b.classified_by ? classifiedByLine(b.classified_by) : null,
    ].flat().filter(Boolean);
    if (handling.length) out.push(section("Handling", el("div", { class: "handling" }, handling)));

    const referenced = m?.referenced_ids ?? [];
    if (b.references.length || referenced.length) {
      out.push(
        section(
          `References (${b.references.length || referenced.length})`,
          el(
            "ul",
            { class: "references" },
            b.references.map(referenceItem),
            !b.references.length ? referenced.map((id) => el("li", { class: "reference" }, cableLink(id))) : null,
          ),
          b.references.some((r) => r.cited_id && r.in_release === null)
            ? el(
                "p",
                { class: "note release-unknown" },
                "Whether the release holds these cables is not known: this page's parser is built without the index of the release's ids (cable-wasm's `release-index` feature), to load faster.",
              )
            : null,
        ),
      );
    }

    if (b.summary) {
      out.push(section("Summary", el("p", { class: "block summary", span: b.summary.span }, b.summary.text)));
    }

    if (b.paragraphs.length) {
      out.push(
        section(
          `Paragraphs (${b.paragraphs.length})`,
          el(
            "ol",
            { class: "paragraphs" },
            b.paragraphs.map((p) =>
              el("li", { class: "paragraph", span: p.span },
                p.heading ? el("h4", { class: "heading" }, p.heading) : null,
                el("div", { class: "para-head" },
                  el("span", { class: "num" }, p.number != null ? `¶${p.number}` : "¶–"),
                  markingBadge(p.marking)),
                el("p", { class: "para-text" }, p.text),
              ),
            ),
          ),
        ),
      );
    }

    if (b.comments.length) {
      out.push(section("Comments", b.comments.map((c) => el("p", { class: "block comment", span: c.span }, c.text))));
    }
    if (b.signature || b.trailers.length) {
      out.push(
        section(
          b.signature ? "Signature" : "End of text",
          b.signature ? el("p", { class: "signature", span: b.signature.span }, b.signature.name) : null,
          b.trailers.map((t) => el("p", { class: "trailer", span: t.span, title: "a line that ends the text" }, t.text)),
        ),
      );
    }
  }

  out.push(diagnosticsSection(tree, index));
  out.push(jsonSection(tree, json));
  return out;
}

/** `Classified by Richard E. Hoagland, Ambassador · 1.4(b) 1.4(d)`. */
function classifiedByLine(c) {
  const who = c.name ?? c.by;
  return el(
    "div",
    { span: c.span, class: "classified-by" },
    "Classified by ",
    el("strong", { class: "classifier" }, who),
    c.title && c.name ? el("span", { class: "muted" }, `, ${c.title}`) : null,
    c.reasons.length ? [" · reasons ", c.reasons.map((r) => el("span", { class: "chip reason" }, r))] : null,
  );
}

function section(title, ...content) {
  return el("section", { class: "card" }, el("h3", null, title), content);
}

function errorCard(error, index) {
  const positioned = error.line != null;
  const caret = positioned ? `${" ".repeat(Math.max(0, error.column - 1))}^` : null;
  const span = error.offset != null && error.kind === "syntax" ? { start: error.offset, end: error.offset } : null;
  return el(
    "article",
    { class: "card error-card", role: "alert", span },
    el("h3", null, error.name === "CableError" ? `Error (${error.kind})` : error.name),
    el("p", { class: "error-message" }, positioned ? `Line ${error.line}, column ${error.column}: expected ${error.expected}` : error.message),
    positioned ? el("pre", { class: "snippet" }, `${error.snippet}\n${caret}`) : null,
    index && error.kind === "syntax" ? el("p", { class: "muted" }, "Below: what lenient parsing makes of the text.") : null,
  );
}

function diagnosticsSection(tree, index) {
  const list = tree.diagnostics;
  const counts = ["error", "warning", "info"].map((s) => [s, list.filter((d) => d.severity === s).length]).filter(([, n]) => n);
  return el(
    "section",
    { class: "card diagnostics" },
    el("h3", null, `Diagnostics (${list.length})`,
      counts.map(([s, n]) => el("span", { class: `count sev-${s}` }, `${n} ${n === 1 || s === "info" ? s : `${s}s`}`))),
    list.length
      ? el(
          "ul",
          null,
          list.map((d) => {
            const at = index ? index.position(d.span.start) : null;
            return el(
              "li",
              { class: `diagnostic sev-${d.severity}`, span: d.span },
              el("span", { class: "sev" }, d.severity),
              el("code", null, d.code),
              el("span", { class: "message" }, d.message),
              at ? el("button", { type: "button", class: "goto", "data-goto": `${d.span.start},${d.span.end}` }, `line ${at.line}:${at.column}`) : null,
            );
          }),
        )
      : el("p", { class: "muted" }, "None: every line was understood."),
  );
}

function jsonSection(tree, json) {
  const pre = el("pre", { class: "json" });
  const details = el(
    "details",
    {
      class: "card json-card",
      ontoggle: () => {
        if (details.open && !pre.textContent) pre.textContent = JSON.stringify(tree, null, 2);
      },
    },
    el("summary", null, `JSON (${new Blob([json]).size.toLocaleString("en")} bytes)`),
    pre,
  );
  return details;
}

// ---------------------------------------------------------------------------------
// Highlighting spans in the source.

const state = {
  text: "", // the input that was parsed
  docText: "", // the text the spans index
  decodedShown: false,
  index: null,
  tree: null,
  json: null,
  refId: null,
  hovered: null,
};

/** Shows [a, b) of `text` marked inside `pre`. */
function markRange(pre, text, a, b) {
  pre.replaceChildren(text.slice(0, a), el("mark", null, text.slice(a, b)), `${text.slice(b)}\n`);
  return pre.querySelector("mark");
}

function highlight(span) {
  clearHighlight();
  if (!span || !state.index || state.text !== input.value) return;
  const text = state.docText;
  let a = state.index.unit(span.start);
  let b = state.index.unit(span.end);
  if (b <= a) b = Math.min(text.length, a + 1); // show empty spans as one character
  if (state.decodedShown) {
    const mark = markRange(decodedPre, text, a, b);
    scrollIntoRange(decodedPre, mark);
  } else {
    const mark = markRange(backdrop, text, a, b);
    scrollIntoRange(input, mark);
    syncScroll();
  }
}

function clearHighlight() {
  backdrop.replaceChildren();
  if (state.decodedShown && decodedPre.querySelector("mark")) decodedPre.textContent = state.docText;
}

/** Scrolls `scroller` so that `mark` is visible (when it is not already). */
function scrollIntoRange(scroller, mark) {
  const top = mark.offsetTop;
  const bottom = top + mark.offsetHeight;
  const view = scroller.clientHeight;
  if (top < scroller.scrollTop + 8 || bottom > scroller.scrollTop + view - 8) {
    scroller.scrollTop = Math.max(0, top - view / 3);
  }
  const left = mark.offsetLeft;
  if (left < scroller.scrollLeft || left > scroller.scrollLeft + scroller.clientWidth - 40) {
    scroller.scrollLeft = Math.max(0, left - 40);
  }
}

function syncScroll() {
  backdrop.scrollTop = input.scrollTop;
  backdrop.scrollLeft = input.scrollLeft;
}

function spanOf(node) {
  const [start, end] = node.dataset.span.split(",").map(Number);
  return { start, end };
}

// ---------------------------------------------------------------------------------
// Parsing as you type.

const parser = new Parser();
let latest = 0;
let timer = null;

parser.ready.then(
  () => {
    if (!input.value) setStatus(parser.inline ? "ready (parsing on the page thread)" : "ready");
  },
  (err) => setStatus(`The parser could not be loaded: ${err.message}. Build it with cable-wasm/build.sh.`, "bad"),
);

function setStatus(text, tone = "") {
  statusEl.textContent = text;
  statusEl.className = `status ${tone}`;
}

/** The file the text was loaded from: its name (a reference id there gives a bare `<pre>`
 * block, which has no date, its id and year) holds while the text is the file's. */
let loaded = null;

function options() {
  const fileName = loaded && loaded.text === input.value ? loaded.name : null;
  return { container: containerSelect.value || null, strict: strictBox.checked, fileName };
}

function schedule() {
  clearTimeout(timer);
  document.body.dataset.state = "pending";
  const delay = input.value.length > 200_000 ? 400 : 90;
  timer = setTimeout(run, delay);
}

async function run() {
  clearTimeout(timer);
  const text = input.value;
  const id = ++latest;
  document.body.dataset.state = "parsing";
  if (!text) {
    showEmpty();
    return;
  }
  let reply;
  try {
    reply = await parser.parse(text, options());
  } catch (err) {
    reply = { ok: false, error: { name: "Error", message: `The parser could not be loaded: ${err.message}` } };
  }
  if (id !== latest) return; // a newer parse is under way
  show(text, reply);
}

function showEmpty() {
  Object.assign(state, { text: "", docText: "", index: null, tree: null, json: null, refId: null });
  decodedPane.hidden = true;
  state.decodedShown = false;
  clearHighlight();
  downloadButton.disabled = true;
  treeEl.replaceChildren(
    el("div", { class: "empty" },
      el("p", null, "The parsed cable appears here as you type."),
      el("p", null, "Hover any part of it to see where it stands in the source.")),
  );
  setStatus("ready");
  document.body.dataset.state = "empty";
}

function show(text, reply) {
  const tree = reply.json ? JSON.parse(reply.json) : null;
  const docText = reply.docText ?? text;
  state.text = text;
  state.docText = docText;
  state.index = tree || reply.error?.kind === "syntax" ? new TextIndex(docText) : null;
  state.tree = tree;
  state.json = reply.json ?? null;
  state.refId = tree ? referenceIdOf(tree)?.id ?? null : null;
  state.hovered = null;

  state.decodedShown = reply.docText != null;
  decodedPane.hidden = !state.decodedShown;
  if (state.decodedShown) {
    decodedPre.textContent = docText;
    decodedNote.textContent =
      reply.container === "csv_row"
        ? "the header and body fields of the CSV row, unescaped: spans index this text"
        : "the HTML with tags stripped and entities decoded: spans index this text";
  }
  clearHighlight();

  treeEl.replaceChildren(...renderTree(tree, reply.json, reply.ok ? null : reply.error, state.index));
  downloadButton.disabled = !reply.json;

  if (reply.ok) {
    const n = tree.diagnostics.length;
    setStatus(`${reply.container.replace("_", " ")} · parsed in ${reply.ms.toFixed(1)} ms · ${n} diagnostic${n === 1 ? "" : "s"}`, n ? "warn" : "good");
  } else {
    setStatus(reply.error.name === "CableError" ? `strict: ${reply.error.message.split("\n")[0]}` : reply.error.message, "bad");
  }
  document.body.dataset.state = reply.ok ? "parsed" : "error";
}

function setText(text, name = null) {
  loaded = name ? { name, text } : null;
  input.value = text;
  input.scrollTop = 0;
  input.scrollLeft = 0;
  syncScroll();
  run();
}

async function loadFile(file) {
  if (file.size > MAX_FILE_BYTES) {
    setStatus(`${file.name} is ${(file.size / 1048576).toFixed(0)} MB: a cable is a few KB. Paste one cable (or one cables.csv row).`, "bad");
    return;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-1252").decode(bytes);
    setTimeout(() => setStatus(`${file.name} is not UTF-8: read as Windows-1252. ${statusEl.textContent}`, "warn"), 0);
  }
  setText(text, file.name);
}

// ---------------------------------------------------------------------------------
// Events.

input.addEventListener("input", () => {
  clearHighlight();
  schedule();
});
input.addEventListener("scroll", syncScroll);
containerSelect.addEventListener("change", schedule);
strictBox.addEventListener("change", schedule);

$("load-example").addEventListener("click", async () => {
  try {
    const response = await fetch(EXAMPLE_URL);
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    setText(await response.text(), EXAMPLE_URL.split("/").pop());
  } catch (err) {
    setStatus(`Could not load the example (${EXAMPLE_URL}): ${err.message}`, "bad");
  }
});

$("open-file").addEventListener("click", () => $("file-input").click());
$("file-input").addEventListener("change", (event) => {
  const file = event.target.files?.[0];
  if (file) loadFile(file);
  event.target.value = "";
});

downloadButton.addEventListener("click", () => {
  if (!state.json) return;
  const url = URL.createObjectURL(new Blob([state.json], { type: "application/json" }));
  const a = el("a", { href: url, download: `${(state.refId ?? "cable").replace(/[^\w.-]+/g, "_")}.json` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
});

// Drag and drop: a file, or dragged text.
for (const type of ["dragover", "drop"]) {
  window.addEventListener(type, (event) => event.preventDefault()); // never navigate to a dropped file
}
editor.addEventListener("dragenter", () => editor.classList.add("dragging"));
editor.addEventListener("dragover", (event) => {
  event.preventDefault();
  event.dataTransfer.dropEffect = "copy";
  editor.classList.add("dragging");
});
editor.addEventListener("dragleave", (event) => {
  if (!editor.contains(event.relatedTarget)) editor.classList.remove("dragging");
});
editor.addEventListener("drop", (event) => {
  event.preventDefault();
  editor.classList.remove("dragging");
  const file = event.dataTransfer.files?.[0];
  if (file) loadFile(file);
  else {
    const text = event.dataTransfer.getData("text/plain");
    if (text) setText(text);
  }
});

// Hover (or focus) a node: highlight its span in the source.
function hover(node) {
  if (node === state.hovered) return;
  state.hovered?.classList.remove("hovered");
  state.hovered = node;
  if (node) {
    node.classList.add("hovered");
    highlight(spanOf(node));
  } else {
    clearHighlight();
  }
}
treeEl.addEventListener("mouseover", (event) => hover(event.target.closest("[data-span]")));
treeEl.addEventListener("mouseleave", () => hover(null));
treeEl.addEventListener("focusin", (event) => hover(event.target.closest("[data-span]")));

// "line 12:3" buttons of diagnostics: select the range in the source.
treeEl.addEventListener("click", (event) => {
  const button = event.target.closest("[data-goto]");
  if (!button || !state.index) return;
  const [start, end] = button.dataset.goto.split(",").map(Number);
  highlight({ start, end });
  if (!state.decodedShown && state.text === input.value) {
    input.focus({ preventScroll: true });
    input.setSelectionRange(state.index.unit(start), state.index.unit(end));
  }
});

// For tests and the curious: the current tree.
window.cablePage = {
  get tree() {
    return state.tree;
  },
  get json() {
    return state.json;
  },
  ready: () => parser.ready,
  /** How long a parse may take before the worker is stopped and replaced. */
  set timeoutMs(ms) {
    timeoutMs = ms;
  },
};

if (input.value) run();
else setStatus("loading the parser…");
