// Shared paths and loaders for the cable-wasm tests.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const here = dirname(fileURLToPath(import.meta.url));
export const wasmDir = dirname(here);
export const root = dirname(wasmDir);
export const corpusDir = process.env.CABLE_CORPUS ?? join(root, "cable-core", "tests", "corpus");
export const samplePath = join(root, "examples", "09ASTANA1145.txt");

const require = createRequire(import.meta.url);

/** The package's CommonJS module for Node (pkg/node/cable.cjs): `{ parse, parseJson, decode, ... }`. */
export function loadNode() {
  try {
    return require(join(wasmDir, "pkg", "node", "cable.cjs"));
  } catch (err) {
    throw new Error(`cable-wasm/pkg is missing: run cable-wasm/build.sh first (${err.message})`);
  }
}

/** The package's module for browsers (pkg/web/cable.js), instantiated from the .wasm bytes as a page would. */
export async function loadWeb() {
  const mod = await import(join(wasmDir, "pkg", "web", "cable.js"));
  mod.initSync({ module: readFileSync(join(wasmDir, "pkg", "web", "cable_bg.wasm")) });
  return mod;
}

/** Every corpus file, as paths relative to the corpus folder, sorted. */
export function corpusFiles() {
  const out = [];
  for (const folder of readdirSync(corpusDir, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const name of readdirSync(join(corpusDir, folder.name))) {
      if (/\.(txt|html?|csv)$/.test(name)) out.push(`${folder.name}/${name}`);
    }
  }
  return out.sort();
}

/** 09ASTANA1145 as one row of the September 2011 cables.csv (8 quoted columns). */
export function sampleCsvRow(sample) {
  const text = sample.split("\n").slice(5).join("\n");
  const cut = text.indexOf("UNCLAS SECTION");
  const quote = (s) => `"${s.replaceAll('"', '""')}"`;
  const columns = ["1", "7/9/2009 10:56", "09ASTANA1145", "Embassy Astana", "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "09ASTANA1018|09ASTANA1005", text.slice(0, cut), text.slice(cut)];
  return `${columns.map(quote).join(",")}\n`;
}

/** Debian's chromium ($CHROMIUM, default /usr/bin/chromium). */
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/**
 * Starts headless chromium with a fresh profile in `profile`, with the flags that keep it
 * off the network it would otherwise reach for (updates, sync, QUIC).
 * @param {string} profile an empty folder for the user data
 * @param {object} [options] more launch options for playwright-core
 */
export async function launchChromium(profile, options = {}) {
  const { chromium } = await import("playwright-core");
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    ...options,
  });
}
