// Parses cables off the page's thread, so that no input can freeze the page: the page
// stops (terminates) a worker that takes too long, and starts a fresh one.
//
// Ready:    { ready: true, build: { version, releaseIndex } }
// Request:  { id, text, options }
// Response: { id, ok: true, json, container, docText, ms }
//           { id, ok: false, error, json?, container?, docText? }   (json: the lenient tree)
//           { id, fatal: true, error }   the wasm instance trapped: start a new worker
import init, { decode, parseJson, releaseIndex, version } from "./pkg/cable.js";

const ready = init();

/** The properties of a thrown value that can cross postMessage. */
function describe(err) {
  const out = { name: err?.name ?? "Error", message: String(err?.message ?? err) };
  for (const key of ["kind", "line", "column", "snippet", "expected", "offset"]) {
    if (err && key in err) out[key] = err[key];
  }
  return out;
}

/** The tree JSON and the document text its spans index (`null` when it is the input). */
function run(text, options) {
  const started = performance.now();
  const json = parseJson(text, options);
  const ms = performance.now() - started;
  const decoded = decode(text, options);
  return { json, ms, container: decoded.container, docText: decoded.text === text ? null : decoded.text };
}

self.onmessage = async ({ data }) => {
  const { id, text, options } = data;
  try {
    await ready;
  } catch (err) {
    self.postMessage({ id, fatal: true, error: describe(err) });
    return;
  }
  try {
    self.postMessage({ id, ok: true, ...run(text, options) });
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError) {
      self.postMessage({ id, fatal: true, error: describe(err) });
      return;
    }
    const reply = { id, ok: false, error: describe(err) };
    // A strict-mode error: also show what lenient parsing makes of the text.
    if (err?.name === "CableError" && options?.strict) {
      try {
        Object.assign(reply, run(text, { ...options, strict: false }));
      } catch {
        // The error alone is shown.
      }
    }
    self.postMessage(reply);
  }
};

ready.then(
  () => self.postMessage({ ready: true, build: { version: version(), releaseIndex: releaseIndex() } }),
  (err) => self.postMessage({ fatal: true, error: describe(err) }),
);
