// The npm package as a user meets it: its tarball, installed into a fresh folder.
//
//   CABLE_NPM_TARBALL=target/artifacts/cable-wasm-0.2.0.tgz node --test cable-wasm/tests/package.test.mjs
//
// Without CABLE_NPM_TARBALL, `npm pack` packs cable-wasm/pkg/ (made by build.sh) first.
// The folder gets the tarball and Vite (VITE_VERSION) from npm, then:
//   - the tarball holds what the `exports` map names and nothing else, at the workspace's version;
//   - Node imports it as an ES module and requires it as CommonJS, and both parse the
//     sample cable into exactly the JSON of the Rust command ($CABLE_CLI, else
//     target/release/cable);
//   - TypeScript finds its declarations through the `exports` map (nodenext import and
//     require, bundler resolution) and checks a sample against them;
//   - Vite bundles a page that imports it; headless Chromium opens the bundled page,
//     which parses the sample cable;
//   - a page without a bundler imports web/cable.js and loads the .wasm by its URL.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { launchChromium, root, samplePath, wasmDir } from "./helpers.mjs";
import { serve } from "./serve.mjs";

const VITE_VERSION = process.env.VITE_VERSION ?? "8.4.1";
const VERSION = /^version = "(.*)"$/m.exec(readFileSync(join(root, "Cargo.toml"), "utf8"))[1];
const cli = resolve(process.env.CABLE_CLI ?? join(root, "target", "release", "cable"));
const sample = readFileSync(samplePath, "utf8");
const SUBJECT = "KAZAKHSTAN: RBK CUSTOMS UNION, WTO, AND THE WAY FORWARD";
const REFS = [
  ["09ASTANA1018", true],
  ["09ASTANA1005", true],
  ["09ASTANA830", true],
];

/** Runs a command in `cwd`; throws with its output when it fails. */
function run(cmd, args, cwd, env = {}) {
  const out = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, ...env } });
  if (out.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed (${out.status}):\n${out.stdout}\n${out.stderr}`);
  }
  return out.stdout;
}

/** What the sample scripts and pages print: the facts a user would look at. */
const SUMMARY = `({
  version: version(),
  releaseIndex: releaseIndex(),
  id: cable.id,
  subject: cable.body?.subject?.text,
  tags: cable.body?.tags.map((t) => t.code),
  refs: cable.body?.references.map((r) => [r.cited_id, r.in_release]),
  info: cable.header?.info.length,
  json,
})`;

function checkSummary(got) {
  assert.equal(got.version, VERSION);
  assert.equal(got.releaseIndex, true);
  assert.equal(got.id, "09ASTANA1145");
  assert.equal(got.subject, SUBJECT);
  assert.deepEqual(got.tags, ["PGOV", "PREL", "ECON", "ETRD", "WTRO", "RS", "BO", "KZ"]);
  assert.deepEqual(got.refs, REFS);
  assert.equal(got.info, 19);
}

describe("the npm package, installed from its tarball", { timeout: 600_000 }, () => {
  let dir;
  let tarball;
  let rustJson;

  before(() => {
    assert.ok(existsSync(cli), `no Rust CLI at ${cli}: run \`cargo build --release --bin cable\` or set CABLE_CLI`);
    rustJson = execFileSync(cli, ["parse", samplePath], { encoding: "utf8" }).trimEnd();
    dir = mkdtempSync(join(tmpdir(), "cable-npm-"));
    if (process.env.CABLE_NPM_TARBALL) {
      tarball = resolve(process.env.CABLE_NPM_TARBALL);
    } else {
      const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", dir], join(wasmDir, "pkg")));
      tarball = join(dir, packed[0].filename);
    }
    assert.ok(existsSync(tarball), `no tarball at ${tarball}`);
    const app = join(dir, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "cable-npm-test", private: true, type: "module" }));
    run("npm", ["install", "--no-audit", "--no-fund", tarball, `vite@${VITE_VERSION}`], app);
    writeFileSync(join(app, "09ASTANA1145.txt"), sample);
  });

  after(() => {
    if (dir && !process.env.CABLE_KEEP_NPM_TEST) rmSync(dir, { recursive: true, force: true });
  });

  const app = () => join(dir, "app");
  const installed = () => join(app(), "node_modules", "cable-wasm");

  test("the tarball holds the package's files at the workspace's version", () => {
    assert.match(basename(tarball), new RegExp(`^cable-wasm-${VERSION.replaceAll(".", "\\.")}\\.tgz$`));
    const files = run("tar", ["tzf", tarball], dir).trim().split("\n").sort();
    assert.deepEqual(files, [
      "package/README.md",
      "package/node/cable.cjs",
      "package/node/cable.d.cts",
      "package/node/cable.mjs",
      "package/package.json",
      "package/web/cable.d.ts",
      "package/web/cable.js",
      "package/web/cable_bg.wasm",
    ]);
    const manifest = JSON.parse(readFileSync(join(installed(), "package.json"), "utf8"));
    assert.equal(manifest.name, "cable-wasm");
    assert.equal(manifest.version, VERSION);
    // Every file the exports map (and main, module, types) names is in the package.
    const leaves = (value) => (typeof value === "string" ? [value] : Object.values(value).flatMap(leaves));
    const targets = [...leaves(manifest.exports), manifest.main, manifest.module, manifest.types];
    assert.ok(targets.length >= 8, targets.join(" "));
    for (const target of targets) {
      assert.ok(existsSync(join(installed(), target)), `package.json names ${target}, which the package lacks`);
    }
  });

  test("Node, ES module: import, await init() and parse", () => {
    writeFileSync(
      join(app(), "esm.mjs"),
      `import init, { parse, parseJson, version, releaseIndex } from "cable-wasm";
import * as all from "cable-wasm";
import { readFileSync } from "node:fs";
await init();
const text = readFileSync("09ASTANA1145.txt", "utf8");
const cable = parse(text);
const json = parseJson(text);
console.log(JSON.stringify({ ...${SUMMARY}, resolved: import.meta.resolve("cable-wasm"), names: Object.keys(all).sort() }));
`,
    );
    const got = JSON.parse(run("node", ["esm.mjs"], app()));
    checkSummary(got);
    assert.equal(got.json, rustJson, "the JSON of the Rust command");
    assert.match(got.resolved, /\/node_modules\/cable-wasm\/node\/cable\.mjs$/);
    assert.deepEqual(got.names, ["decode", "default", "initSync", "parse", "parseJson", "releaseIndex", "version"]);
  });

  test("Node, CommonJS: require and parse, no init", () => {
    writeFileSync(
      join(app(), "cjs.cjs"),
      `const { parse, parseJson, version, releaseIndex } = require("cable-wasm");
const text = require("node:fs").readFileSync("09ASTANA1145.txt", "utf8");
const cable = parse(text);
const json = parseJson(text);
console.log(JSON.stringify({ ...${SUMMARY}, resolved: require.resolve("cable-wasm") }));
`,
    );
    const got = JSON.parse(run("node", ["cjs.cjs"], app()));
    checkSummary(got);
    assert.equal(got.json, rustJson, "the JSON of the Rust command");
    assert.match(got.resolved, /\/node_modules\/cable-wasm\/node\/cable\.cjs$/);
  });

  test("TypeScript finds the declarations through the exports map", () => {
    const tsc = join(wasmDir, "node_modules", ".bin", "tsc");
    const ts = `import init, { parse, version, type Cable, type ParseOptions } from "cable-wasm";
await init();
const options: ParseOptions = { container: "text_export", strict: false };
const cable: Cable = parse("UNCLAS", options);
const subject: string | undefined = cable.body?.subject?.text;
const inRelease: (boolean | null)[] = cable.body?.references.map((r) => r.in_release) ?? [];
const v: string = version();
// @ts-expect-error: parse takes a string or bytes
parse(42);
export { subject, inRelease, v };
`;
    const cts = `import cable = require("cable-wasm");
const tree: cable.Cable = cable.parse("UNCLAS");
const v: string = cable.version();
const n: number | undefined = tree.body?.paragraphs.length;
// @ts-expect-error: no init in CommonJS
cable.initSync;
export = { v, n };
`;
    writeFileSync(join(app(), "check.mts"), ts);
    writeFileSync(join(app(), "check.cts"), cts);
    writeFileSync(join(app(), "bundler.ts"), ts);
    const base = { strict: true, noEmit: true, target: "es2022", skipLibCheck: false, types: [] };
    const configs = {
      "tsconfig.node.json": { compilerOptions: { ...base, module: "nodenext", moduleResolution: "nodenext" }, files: ["check.mts", "check.cts"] },
      "tsconfig.bundler.json": { compilerOptions: { ...base, module: "esnext", moduleResolution: "bundler", lib: ["es2022", "dom"] }, files: ["bundler.ts"] },
    };
    for (const [name, config] of Object.entries(configs)) {
      writeFileSync(join(app(), name), JSON.stringify(config));
      run(tsc, ["-p", name], app());
    }
  });

  describe("in the browser", () => {
    let context;
    let profile;
    const problems = [];

    before(async () => {
      profile = mkdtempSync(join(tmpdir(), "cable-chromium-"));
      context = await launchChromium(profile);
    });

    after(async () => {
      await context?.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    /** Serves `folder`, opens `page` and returns what it wrote into #out. */
    async function open(folder, page) {
      const { server, url } = await serve(folder);
      const tab = await context.newPage();
      const seen = [];
      tab.on("pageerror", (err) => seen.push(`page error: ${err.message}`));
      tab.on("requestfailed", (req) => seen.push(`request failed: ${req.url()}`));
      const wasm = [];
      tab.on("response", (res) => {
        if (res.url().endsWith(".wasm")) wasm.push(`${res.status()} ${res.headers()["content-type"]}`);
      });
      try {
        await tab.goto(url + page);
        await tab.waitForFunction(() => document.getElementById("out")?.dataset.state, null, { timeout: 30_000 });
        const state = await tab.locator("#out").getAttribute("data-state");
        const text = await tab.locator("#out").textContent();
        assert.equal(state, "done", text);
        problems.push(...seen);
        return { got: JSON.parse(text), wasm };
      } finally {
        await tab.close();
        server.close();
      }
    }

    const script = (importFrom, initArgs) => `
import init, { parse, parseJson, version, releaseIndex } from "${importFrom}";
const out = document.getElementById("out");
(async () => {
  try {
    await init(${initArgs});
    const text = await (await fetch("09ASTANA1145.txt")).text();
    const cable = parse(text);
    const json = parseJson(text);
    out.textContent = JSON.stringify(${SUMMARY});
    out.dataset.state = "done";
  } catch (err) {
    out.textContent = String(err?.stack ?? err);
    out.dataset.state = "error";
  }
})();
`;

    test("Vite bundles a page that uses it, and Chromium parses a cable there", async () => {
      writeFileSync(
        join(app(), "index.html"),
        `<!doctype html><html><head><meta charset="utf-8"><title>cable-wasm with Vite</title></head>
<body><pre id="out">loading</pre><script type="module" src="./main.js"></script></body></html>`,
      );
      writeFileSync(join(app(), "main.js"), script("cable-wasm", ""));
      mkdirSync(join(app(), "public"), { recursive: true });
      writeFileSync(join(app(), "public", "09ASTANA1145.txt"), sample);
      run(join(app(), "node_modules", ".bin", "vite"), ["build", "--logLevel", "warn"], app());
      const assets = readdirSync(join(app(), "dist", "assets"));
      assert.ok(assets.some((f) => f.endsWith(".wasm")), `Vite emitted the .wasm: ${assets.join(", ")}`);
      const { got, wasm } = await open(join(app(), "dist"), "index.html");
      checkSummary(got);
      assert.equal(got.json, rustJson, "the JSON of the Rust command");
      assert.deepEqual(wasm, ["200 application/wasm"]);
    });

    test("a page without a bundler loads the .wasm by its URL", async () => {
      writeFileSync(
        join(app(), "plain.html"),
        `<!doctype html><html><head><meta charset="utf-8"><title>cable-wasm without a bundler</title></head>
<body><pre id="out">loading</pre><script type="module">${script(
          "./node_modules/cable-wasm/web/cable.js",
          `{ module_or_path: new URL("node_modules/cable-wasm/web/cable_bg.wasm", location.href) }`,
        )}</script></body></html>`,
      );
      const { got, wasm } = await open(app(), "plain.html");
      checkSummary(got);
      assert.equal(got.json, rustJson, "the JSON of the Rust command");
      assert.deepEqual(wasm, ["200 application/wasm"]);
    });

    test("no page error, no failed request", () => {
      assert.deepEqual(problems, []);
    });
  });
});
