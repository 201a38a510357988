// For every corpus file, the JSON from the binding equals the Rust CLI's output byte
// for byte (`cable parse --jsonl FILE...`), from the Node build and from the web build,
// and JSON.stringify(parse(x)) === parseJson(x). The CLI gives the parser each file's
// name (a file named by its reference id gives a bare <pre> block its id): the binding
// is given the same with the `fileName` option.
//
// The CLI is $CABLE_CLI, else target/release/cable (`cargo build --release --bin cable`).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { before, describe, test } from "node:test";
import { corpusDir, corpusFiles, loadNode, loadWeb, root } from "./helpers.mjs";

const cli = resolve(process.env.CABLE_CLI ?? join(root, "target", "release", "cable"));
const files = corpusFiles();
const folders = [...new Set(files.map((f) => f.split("/")[0]))];

/** Runs the CLI over `list` (relative to the corpus) and returns one JSON line per file. */
function cliJson(list) {
  const run = (args) =>
    spawnSync(cli, ["parse", "--jsonl", ...args], {
      cwd: corpusDir,
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
  const all = run(list);
  const lines = all.stdout.split("\n").filter((l) => l !== "");
  if (all.status === 0 && lines.length === list.length) return lines;
  // Some file failed: run them one by one so that each gets its own answer.
  return list.map((file) => {
    const one = run([file]);
    return one.status === 0 ? one.stdout.trimEnd() : { error: one.stderr.trim() || `exit ${one.status}` };
  });
}

/** A short description of where two strings first differ. */
function firstDifference(actual, expected) {
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  const from = Math.max(0, i - 60);
  return `first difference at ${i}:\n  wasm: ${actual.slice(from, i + 60)}\n  cli:  ${String(expected).slice(from, i + 60)}`;
}

describe("corpus: the binding's JSON equals the Rust CLI's", () => {
  const expected = new Map();
  let node;
  let web;

  before(async () => {
    assert.ok(files.length > 0, `no corpus files in ${corpusDir}`);
    assert.ok(
      existsSync(cli),
      `no Rust CLI at ${cli}: run \`cargo build --release --bin cable\` or set CABLE_CLI`,
    );
    const lines = cliJson(files);
    files.forEach((file, i) => expected.set(file, lines[i]));
    node = loadNode();
    web = await loadWeb();
  });

  for (const folder of folders) {
    const list = files.filter((f) => f.startsWith(`${folder}/`));
    test(`${folder}: ${list.length} files`, () => {
      const failures = [];
      for (const file of list) {
        const bytes = readFileSync(join(corpusDir, file));
        const want = expected.get(file);
        const options = { fileName: basename(file) };
        let got;
        try {
          got = node.parseJson(new Uint8Array(bytes), options);
        } catch (err) {
          got = { error: err.message };
        }
        if (typeof want !== "string" || typeof got !== "string") {
          // Both sides refused the file: equal when they say so with the same message.
          const same = typeof want === "object" && typeof got === "object" && want.error.endsWith(got.error);
          if (!same) failures.push(`${file}: cli ${JSON.stringify(want)}, wasm ${JSON.stringify(got)}`);
          continue;
        }
        if (got !== want) {
          failures.push(`${file}: ${firstDifference(got, want)}`);
          continue;
        }
        const text = bytes.toString("utf8");
        if (node.parseJson(text, options) !== want) failures.push(`${file}: string input differs from bytes input`);
        if (JSON.stringify(node.parse(text, options)) !== want) failures.push(`${file}: JSON.stringify(parse(x)) !== parseJson(x)`);
        if (web.parseJson(text, options) !== want) failures.push(`${file}: the web build (pkg/) differs from the Node build`);
      }
      assert.equal(failures.length, 0, `${failures.length} of ${list.length} files differ:\n${failures.slice(0, 10).join("\n")}`);
    });
  }
});
