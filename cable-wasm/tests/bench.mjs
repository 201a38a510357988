// Benchmark (not a test: it never fails on a figure): wasm parse throughput in Node over
// the whole test corpus, against native Rust on the same bytes in the same run.
//
// Usage (from anywhere, after cable-wasm/build.sh):
//
//   node cable-wasm/tests/bench.mjs [--iterations N] [--warmup N] [--native PATH] [--no-native] [--pkg DIR]
//
//   --iterations N  rounds; a round times one pass over the corpus of each measure (default 5)
//   --warmup N      untimed passes of each measure before them (default 1)
//   --native PATH   the native timer (default: target/artifact/parse_corpus, built first with
//                   `cargo build --profile artifact -p cable-benches --bin parse_corpus`; $CABLE_BENCH_NATIVE
//                   also names it, and then nothing is built). It runs in-process timing
//                   (`--serve`) in step with this script: each round times the wasm
//                   measures, then the native ones, so both see the same load.
//   --no-native     wasm only
//   --pkg DIR       the package to measure (its node/cable.cjs; default cable-wasm/pkg/), e.g. a copy
//                   built with other settings
//
// Every corpus file (cable-core/tests/corpus/, or $CABLE_CORPUS) is read once; each pass
// parses every file with the lenient options of the corpus test (`{ fileName }`, as the
// `cable` command names its files). Measures:
//
//   wasm   parseJson(bytes)   the Node build (pkg/node/cable.cjs), a Uint8Array in, the JSON string out
//          parseJson(string)  the same from a JS string
//          parse(bytes)       the tree as a plain object (parseJson + JSON.parse)
//   native parse              cable_core::parse_bytes alone (benches/src/bin/parse_corpus.rs)
//          parse_json         parse_bytes + Cable::to_json: what parseJson does
//
// MB = 10^6 input bytes. Prints min / median / max MB/s of each measure, by wall-clock time
// and by the CPU time of the parsing thread (Linux: /proc/thread-self/schedstat, on both
// sides; the load of a shared machine disturbs it less), the ratios of the medians
// wasm / native, the load average, and a JSON line with everything at the end.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { createRequire } from "node:module";
import { basename, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { corpusDir, corpusFiles, loadNode, root } from "./helpers.mjs";

/**
 * @typedef {object} Settings
 * @property {number} iterations timed passes per measure
 * @property {number} warmup untimed passes before them
 * @property {string | null} native path of the native timer, or null to build and use the default
 * @property {boolean} noNative skip the native side
 * @property {string | null} pkg the package to load (its node/cable.cjs), or null for cable-wasm/pkg/
 */

/**
 * @typedef {object} Summary
 * @property {number[]} mb_s one figure per timed pass
 * @property {number} min
 * @property {number} median
 * @property {number} max
 */

/**
 * The throughput of one pass in MB/s: by wall-clock time, and by the CPU time of the thread
 * that parsed (Linux), which the load of a shared machine disturbs less.
 * @typedef {{ wall: number, cpu: number | null }} Rate
 */

/** @typedef {{ name: string, bytes: Uint8Array, text: string, options: { fileName: string } }} CorpusFile */

const USAGE =
  "usage: node cable-wasm/tests/bench.mjs [--iterations N] [--warmup N] [--native PATH] [--no-native] [--pkg DIR]";

/**
 * Reads the command line.
 * @param {string[]} argv the arguments after the script
 * @returns {Settings}
 */
function settings(argv) {
  /** @type {Settings} */
  const out = { iterations: 5, warmup: 1, native: process.env.CABLE_BENCH_NATIVE ?? null, noNative: false, pkg: null };
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
    else if (arg === "--pkg") out.pkg = resolve(argv[++i] ?? fail("--pkg needs a folder"));
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
 * The CPU time the calling thread has run, in seconds (the first field of
 * `/proc/thread-self/schedstat`, as parse_corpus reads it), or null where there is none.
 * @returns {number | null}
 */
function threadCpuSeconds() {
  try {
    return Number(readFileSync("/proc/thread-self/schedstat", "utf8").split(" ")[0]) / 1e9;
  } catch {
    return null;
  }
}

/**
 * Times one pass of `work` over every file.
 * @param {CorpusFile[]} files the corpus, read
 * @param {number} totalBytes the input bytes of one pass
 * @param {(file: CorpusFile) => number} work parses one file and returns a figure to keep
 * @returns {Rate}
 */
function pass(files, totalBytes, work) {
  let sink = 0;
  const cpu = threadCpuSeconds();
  const start = performance.now();
  for (const file of files) sink += work(file);
  const seconds = (performance.now() - start) / 1000;
  const cpuEnd = threadCpuSeconds();
  if (sink < 0) console.log(sink); // keeps the results alive
  const mb = totalBytes / 1e6;
  return { wall: mb / seconds, cpu: cpu === null || cpuEnd === null ? null : mb / (cpuEnd - cpu) };
}

/**
 * The path of the native timer, built first unless one was named.
 * @param {Settings} opts
 * @returns {string}
 */
function nativeBinary(opts) {
  if (opts.native !== null) return opts.native;
  const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
  const build = spawnSync("cargo", ["build", "--profile", "artifact", "-q", "-p", "cable-benches", "--bin", "parse_corpus"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (build.status !== 0) fail("cargo build --profile artifact -p cable-benches --bin parse_corpus failed");
  return join(target, "artifact", "parse_corpus");
}

/**
 * Starts the native timer (`parse_corpus --serve`) over the same files and waits for its
 * warm-up. Each `round()` times one native pass of each measure, between the wasm passes.
 * @param {string} bin the native timer
 * @param {string[]} paths absolute paths of the corpus files, in order
 * @param {Settings} opts
 * @returns {Promise<{ bytes: number, round: () => Promise<{ parse: Rate, parse_json: Rate }>, close: () => void }>}
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
    round: async () => {
      child.stdin.write("\n");
      const r = await next();
      return { parse: { wall: r.parse, cpu: r.parse_cpu }, parse_json: { wall: r.parse_json, cpu: r.parse_json_cpu } };
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
if (opts.pkg !== null) console.log(`wasm build: ${opts.pkg}`);
console.log(`iterations ${opts.iterations} after ${opts.warmup} warm-up; load average at start ${load().join(" ")}`);

const wasm = opts.pkg === null ? loadNode() : createRequire(import.meta.url)(join(opts.pkg, "node", "cable.cjs"));
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
/** @type {Record<string, Rate[]>} */
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

/**
 * The wall-clock and CPU summaries of a measure's rates.
 * @param {Rate[]} rates
 * @returns {{ wall: Summary, cpu: Summary | null }}
 */
function both(rates) {
  const cpu = rates.map((r) => r.cpu);
  return { wall: summarise(rates.map((r) => r.wall)), cpu: cpu.includes(null) ? null : summarise(/** @type {number[]} */ (cpu)) };
}
const results = {
  wasm: Object.fromEntries(Object.keys(wasmMeasures).map((k) => [k, both(samples[k])])),
  native: native ? { parse: both(samples.parse), parse_json: both(samples.parse_json) } : null,
};
const rows = [
  ["wasm parseJson(bytes)", results.wasm.parseJson_bytes],
  ["wasm parseJson(string)", results.wasm.parseJson_string],
  ["wasm parse(bytes)", results.wasm.parse_bytes],
  ...(results.native
    ? [
        ["native parse", results.native.parse],
        ["native parse + to_json", results.native.parse_json],
      ]
    : []),
];
for (const clock of /** @type {const} */ (["wall", "cpu"])) {
  if (rows.some(([, r]) => r[clock] === null)) continue;
  console.log(`\nMB/s by ${clock === "wall" ? "wall-clock time" : "CPU time of the parsing thread"}:`);
  for (const [label, r] of rows) line(label, r[clock]);
}
/** @type {Record<string, Record<string, number>> | null} */
let ratios = null;
if (results.native) {
  const n = results.native;
  const w = results.wasm;
  const r = (a, b) => Math.round((a.median / b.median) * 1000) / 1000;
  ratios = {};
  console.log("");
  for (const clock of /** @type {const} */ (["wall", "cpu"])) {
    if (w.parseJson_bytes[clock] === null || n.parse[clock] === null) continue;
    ratios[clock] = {
      parseJson_vs_native_parse_json: r(w.parseJson_bytes[clock], n.parse_json[clock]),
      parseJson_vs_native_parse: r(w.parseJson_bytes[clock], n.parse[clock]),
      parse_vs_native_parse: r(w.parse_bytes[clock], n.parse[clock]),
    };
    const x = ratios[clock];
    console.log(
      `wasm / native, medians by ${clock}: parseJson(bytes) / parse+to_json ${x.parseJson_vs_native_parse_json.toFixed(3)}x, ` +
        `parseJson(bytes) / parse ${x.parseJson_vs_native_parse.toFixed(3)}x, parse(bytes) / parse ${x.parse_vs_native_parse.toFixed(3)}x`,
    );
  }
}
const loadEnd = load();
console.log(`load average at end ${loadEnd.join(" ")}`);
console.log(
  JSON.stringify({ commit, dirty: Boolean(dirty), pkg: opts.pkg, files: files.length, bytes: totalBytes, iterations: opts.iterations, load_end: loadEnd, ...results, ratios }),
);
