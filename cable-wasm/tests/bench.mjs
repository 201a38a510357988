// Benchmark (not a test: it never fails on a figure): wasm parse throughput in Node over
// the whole test corpus, against native Rust on the same bytes in the same run.
//
// Usage (from anywhere, after cable-wasm/build.sh):
//
//   node cable-wasm/tests/bench.mjs [--iterations N] [--warmup N] [--native PATH] [--no-native]
//
//   --iterations N  rounds; a round times one pass over the corpus of each measure (default 5)
//   --warmup N      untimed passes of each measure before them (default 1)
//   --native PATH   the native timer (default: target/release/parse_corpus, built first with
//                   `cargo build --release -p cable-benches --bin parse_corpus`; $CABLE_BENCH_NATIVE
//                   also names it, and then nothing is built). It runs in-process timing
//                   (`--serve`) in step with this script: each round times the wasm
//                   measures, then the native ones, so both see the same load.
//   --no-native     wasm only
//
// Every corpus file (cable-core/tests/corpus/, or $CABLE_CORPUS) is read once; each pass
// parses every file with the lenient options of the corpus test (`{ fileName }`, as the
// `cable` command names its files). Measures:
//
//   wasm   parseJson(bytes)   the Node build (pkg-node/), a Uint8Array in, the JSON string out
//          parseJson(string)  the same from a JS string
//          parse(bytes)       the tree as a plain object (parseJson + JSON.parse)
//   native parse              cable_core::parse_bytes alone (benches/src/bin/parse_corpus.rs)
//          parse_json         parse_bytes + Cable::to_json: what parseJson does
//
// MB = 10^6 input bytes. Prints min / median / max MB/s of each measure, the ratios of the
// medians wasm / native, the load average, and a JSON line with everything at the end.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { basename, join } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { corpusDir, corpusFiles, loadNode, root } from "./helpers.mjs";

/**
 * @typedef {object} Settings
 * @property {number} iterations timed passes per measure
 * @property {number} warmup untimed passes before them
 * @property {string | null} native path of the native timer, or null to build and use the default
 * @property {boolean} noNative skip the native side
 */

/**
 * @typedef {object} Summary
 * @property {number[]} mb_s one figure per timed pass
 * @property {number} min
 * @property {number} median
 * @property {number} max
 */

/** @typedef {{ name: string, bytes: Uint8Array, text: string, options: { fileName: string } }} CorpusFile */

const USAGE = "usage: node cable-wasm/tests/bench.mjs [--iterations N] [--warmup N] [--native PATH] [--no-native]";

/**
 * Reads the command line.
 * @param {string[]} argv the arguments after the script
 * @returns {Settings}
 */
function settings(argv) {
  /** @type {Settings} */
  const out = { iterations: 5, warmup: 1, native: process.env.CABLE_BENCH_NATIVE ?? null, noNative: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const count = (min) => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < min) fail(`${arg} needs a whole number >= ${min}`);
      return n;
    };
    if (arg === "--iterations") out.iterations = count(1);
    else if (arg === "--warmup") out.warmup = count(0);
    else if (arg === "--native") out.native = argv[++i] ?? fail("--native needs a path");
    else if (arg === "--no-native") out.noNative = true;
    else if (arg === "-h" || arg === "--help") {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument ${arg}`);
  }
  return out;
}

/**
 * Prints a message and the usage, and exits with status 2.
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`bench: ${message}\n${USAGE}`);
  process.exit(2);
}

/**
 * min / median / max of per-pass figures.
 * @param {number[]} mbS MB/s of each timed pass
 * @returns {Summary}
 */
function summarise(mbS) {
  const sorted = [...mbS].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const round = (v) => Math.round(v * 100) / 100;
  return { mb_s: mbS.map(round), min: round(sorted[0]), median: round(median), max: round(sorted[n - 1]) };
}

/**
 * Times one pass of `work` over every file.
 * @param {CorpusFile[]} files the corpus, read
 * @param {number} totalBytes the input bytes of one pass
 * @param {(file: CorpusFile) => number} work parses one file and returns a figure to keep
 * @returns {number} MB/s
 */
function pass(files, totalBytes, work) {
  let sink = 0;
  const start = performance.now();
  for (const file of files) sink += work(file);
  const seconds = (performance.now() - start) / 1000;
  if (sink < 0) console.log(sink); // keeps the results alive
  return totalBytes / 1e6 / seconds;
}

/**
 * The path of the native timer, built first unless one was named.
 * @param {Settings} opts
 * @returns {string}
 */
function nativeBinary(opts) {
  if (opts.native !== null) return opts.native;
  const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
  const build = spawnSync("cargo", ["build", "--release", "-q", "-p", "cable-benches", "--bin", "parse_corpus"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (build.status !== 0) fail("cargo build --release -p cable-benches --bin parse_corpus failed");
  return join(target, "release", "parse_corpus");
}

/**
 * Starts the native timer (`parse_corpus --serve`) over the same files and waits for its
 * warm-up. Each `round()` times one native pass of each measure, between the wasm passes.
 * @param {string} bin the native timer
 * @param {string[]} paths absolute paths of the corpus files, in order
 * @param {Settings} opts
 * @returns {Promise<{ bytes: number, round: () => Promise<{ parse: number, parse_json: number }>, close: () => void }>}
 */
async function startNative(bin, paths, opts) {
  if (!existsSync(bin)) fail(`no native timer at ${bin}`);
  const child = spawn(bin, ["--serve", "--warmup", String(opts.warmup), ...paths], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) fail(`${bin} stopped (exit ${child.exitCode})`);
    return JSON.parse(value);
  };
  const header = await next();
  return {
    bytes: header.bytes,
    round: () => {
      child.stdin.write("\n");
      return next();
    },
    close: () => child.stdin.end(),
  };
}

/**
 * One line of the report.
 * @param {string} label
 * @param {Summary} s
 */
function line(label, s) {
  const f = (v) => v.toFixed(2).padStart(7);
  console.log(`${label.padEnd(26)} min ${f(s.min)}  median ${f(s.median)}  max ${f(s.max)} MB/s`);
}

const opts = settings(process.argv.slice(2));
const names = corpusFiles();
if (names.length === 0) fail(`no corpus files in ${corpusDir}`);
/** @type {CorpusFile[]} */
const files = names.map((name) => {
  const bytes = new Uint8Array(readFileSync(join(corpusDir, name)));
  return { name, bytes, text: new TextDecoder().decode(bytes), options: { fileName: basename(name) } };
});
const totalBytes = files.reduce((n, f) => n + f.bytes.length, 0);
const load = () => loadavg().map((v) => v.toFixed(2));

const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout?.trim();
const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: root, encoding: "utf8" }).stdout?.trim();
console.log(`corpus: ${files.length} files, ${(totalBytes / 1e6).toFixed(2)} MB (${corpusDir})`);
console.log(`commit ${commit ?? "?"}${dirty ? " (with uncommitted changes)" : ""}, node ${process.version}`);
console.log(`iterations ${opts.iterations} after ${opts.warmup} warm-up; load average at start ${load().join(" ")}`);

const wasm = loadNode();
// Lenient parsing throws only on bad UTF-8 or oversized input: count such files as 0.
const guard = (fn) => (file) => {
  try {
    return fn(file);
  } catch {
    return 0;
  }
};
/** The wasm measures, in the order they run in each round. */
const wasmMeasures = {
  parseJson_bytes: guard((f) => wasm.parseJson(f.bytes, f.options).length),
  parseJson_string: guard((f) => wasm.parseJson(f.text, f.options).length),
  parse_bytes: guard((f) => wasm.parse(f.bytes, f.options).diagnostics.length + 1),
};
const native = opts.noNative ? null : await startNative(nativeBinary(opts), names.map((n) => join(corpusDir, n)), opts);
if (native && native.bytes !== totalBytes) fail(`native read ${native.bytes} bytes, wasm ${totalBytes}`);
for (let i = 0; i < opts.warmup; i++) for (const work of Object.values(wasmMeasures)) pass(files, totalBytes, work);

// Rounds: one pass of each wasm measure, then one of each native one, so that a change
// of the machine's load falls on both sides.
/** @type {Record<string, number[]>} */
const samples = Object.fromEntries([...Object.keys(wasmMeasures), "parse", "parse_json"].map((k) => [k, []]));
for (let i = 0; i < opts.iterations; i++) {
  for (const [name, work] of Object.entries(wasmMeasures)) samples[name].push(pass(files, totalBytes, work));
  if (native) {
    const round = await native.round();
    samples.parse.push(round.parse);
    samples.parse_json.push(round.parse_json);
  }
}
native?.close();

const results = {
  wasm: Object.fromEntries(Object.keys(wasmMeasures).map((k) => [k, summarise(samples[k])])),
  native: native ? { parse: summarise(samples.parse), parse_json: summarise(samples.parse_json) } : null,
};

console.log("");
line("wasm parseJson(bytes)", results.wasm.parseJson_bytes);
line("wasm parseJson(string)", results.wasm.parseJson_string);
line("wasm parse(bytes)", results.wasm.parse_bytes);
let ratios = null;
if (results.native) {
  line("native parse", results.native.parse);
  line("native parse + to_json", results.native.parse_json);
  const r = (a, b) => Math.round((a.median / b.median) * 1000) / 1000;
  ratios = {
    parseJson_vs_native_parse_json: r(results.wasm.parseJson_bytes, results.native.parse_json),
    parseJson_vs_native_parse: r(results.wasm.parseJson_bytes, results.native.parse),
    parse_vs_native_parse: r(results.wasm.parse_bytes, results.native.parse),
  };
  console.log("");
  console.log(`wasm / native (medians): parseJson(bytes) / parse+to_json ${ratios.parseJson_vs_native_parse_json.toFixed(3)}x,`);
  console.log(`  parseJson(bytes) / parse ${ratios.parseJson_vs_native_parse.toFixed(3)}x, parse(bytes) / parse ${ratios.parse_vs_native_parse.toFixed(3)}x`);
}
const loadEnd = load();
console.log(`load average at end ${loadEnd.join(" ")}`);
console.log(
  JSON.stringify({ commit, dirty: Boolean(dirty), files: files.length, bytes: totalBytes, iterations: opts.iterations, load_end: loadEnd, ...results, ratios }),
);
