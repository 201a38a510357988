// The example page in a real browser: Debian's chromium driven by playwright-core.
//
//   node --test cable-wasm/tests/browser.test.mjs
//
// Serves examples/web/ alone on 127.0.0.1, pastes 09ASTANA1145 and checks what the page
// renders; saves screenshots in cable-wasm/tests/output/. Needs cable-wasm/build.sh to
// have run (examples/web/pkg/: the build without the release index, so every in_release is
// null; and pkg/ to compare with) and a chromium ($CHROMIUM, default /usr/bin/chromium).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { corpusDir, here, launchChromium, loadNode, root, sampleCsvRow, samplePath } from "./helpers.mjs";
import { serve } from "./serve.mjs";

const OUTPUT = join(here, "output");
const sample = readFileSync(samplePath, "utf8");
const TAGS = ["PGOV", "PREL", "ECON", "ETRD", "WTRO", "RS", "BO", "KZ"];

describe("the example page in chromium", { timeout: 180_000 }, () => {
  let server;
  let url;
  let context;
  let page;
  let profile;
  const problems = [];

  before(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    ({ server, url } = await serve(join(root, "examples", "web")));
    profile = mkdtempSync(join(tmpdir(), "cable-chromium-"));
    context = await launchChromium(profile, { viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
    });
    page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()}`));
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("ready"), null, {
      timeout: 30_000,
    });
  });

  after(async () => {
    await context?.close();
    server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** Waits until the page has rendered the parse of the current input. */
  async function parsed(state = "parsed") {
    await page.waitForFunction((s) => document.body.dataset.state === s, state, { timeout: 20_000 });
  }

  test("pasting 09ASTANA1145 renders its header, tags, recipients and paragraphs", async () => {
    const textarea = page.locator("#input");
    await textarea.click();
    let pasted = false;
    try {
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: url });
      await page.evaluate((text) => navigator.clipboard.writeText(text), sample);
      await page.keyboard.press("Control+V");
      pasted = (await textarea.inputValue()) === sample;
    } catch {
      pasted = false;
    }
    if (!pasted) await textarea.fill(sample); // no clipboard in this browser: type it in at once
    await parsed();

    assert.equal(await textarea.inputValue(), sample);
    assert.equal((await page.locator(".refid").textContent()).trim(), "09ASTANA1145");
    assert.equal(
      (await page.locator(".subject").textContent()).trim(),
      "KAZAKHSTAN: RBK CUSTOMS UNION, WTO, AND THE WAY FORWARD",
    );
    assert.deepEqual(await page.locator(".tag").allTextContents(), TAGS);
    // `TAGS: PGOV PREL ECON ETRD WTRO RS BO KZ`: five subject codes, then three countries.
    assert.deepEqual(
      await page.locator(".tag").evaluateAll((tags) => tags.map((t) => t.dataset.kind)),
      ["subject", "subject", "subject", "subject", "subject", "country", "country", "country"],
    );
    assert.equal((await page.locator(".tag-legend").textContent()).replace(/\s+/g, " ").trim(), "5 subject3 country or area");
    // The subject has no marking of its own.
    assert.equal(await page.locator(".subject-line .marking").count(), 0);
    // `E.O. 12958: N/A`
    assert.match(await page.locator(".eo").textContent(), /^E\.O\. 12958: N\/A\s*not classified \(N\/A\)$/);
    // `SENSITIVE`, `SIPDIS`
    assert.deepEqual(await page.locator(".handling .chip").allTextContents(), ["SENSITIVE", "SIPDIS", "not classified (N/A)"]);
    assert.equal(await page.locator(".recipients.info .recipient").count(), 19);
    assert.equal(await page.locator(".recipients.to .recipient").count(), 1);
    assert.equal(await page.locator(".paragraph").count(), 8);
    assert.deepEqual(
      (await page.locator(".paragraph .num").allTextContents()).map((s) => s.trim()),
      ["¶1", "¶2", "¶3", "¶4", "¶5", "¶6", "¶7", "¶8"],
    );
    assert.equal((await page.locator(".paragraph .marking").first().textContent()).trim(), "(U)");
    assert.equal((await page.locator(".signature").textContent()).trim(), "HOAGLAND");
    assert.ok((await page.locator(".summary").textContent()).startsWith("On July 9, Kazakhstan"));
    // The classification in its colour: unclassified is green.
    const badge = page.locator(".card-top .classification");
    assert.equal((await badge.textContent()).trim(), "UNCLASSIFIED//FOR OFFICIAL USE ONLY");
    assert.equal(await badge.evaluate((node) => getComputedStyle(node).backgroundColor), "rgb(0, 122, 51)");
    // References link to the referenced ids. The page's build has no release index, so the
    // links are not checked against the release, and the page says so.
    const links = page.locator(".references .cable-link");
    assert.deepEqual(await links.allTextContents(), ["09ASTANA1018", "09ASTANA1005", "09ASTANA830"]);
    assert.match(await links.first().getAttribute("href"), /09ASTANA1018/);
    assert.equal(await page.locator(".references .cable-link.unchecked").count(), 3);
    assert.match(await links.first().getAttribute("title"), /no release index/);
    assert.match(await page.locator(".release-unknown").textContent(), /not known/);
    assert.equal(await page.locator("#build").textContent(), `cable-wasm ${loadNode().version()} · without the release index`);
    assert.deepEqual(
      (await page.locator(".references .ref-text").allTextContents()),
      ["ASTANA 1018", "ASTANA 1005", "ASTANA 0830"],
    );
    // All three are cables (no kind chip), none NOTAL.
    assert.equal(await page.locator(".references .chip").count(), 0);
    // The text ends with the signer: no trailer lines.
    assert.equal(await page.locator(".trailer").count(), 0);
    assert.match(await page.locator(".facts").textContent(), /AMEMBASSY ASTANA/);
    assert.equal(await page.locator(".diagnostics h3").count(), 1);
  });

  test("hovering a node highlights its span in the source", async () => {
    const tree = await page.evaluate(() => window.cablePage.tree);
    const bytes = Buffer.from(sample);
    const para = tree.body.paragraphs[1];
    await page.locator(".paragraph").nth(1).hover();
    const mark = page.locator("#backdrop mark");
    await mark.waitFor({ state: "attached" });
    assert.equal(await mark.textContent(), bytes.subarray(para.span.start, para.span.end).toString());
    await page.screenshot({ path: join(OUTPUT, "09ASTANA1145-paragraph.png") });

    const info = tree.header.info[18];
    await page.locator(".recipients.info .recipient").nth(18).hover();
    assert.equal(await mark.textContent(), bytes.subarray(info.span.start, info.span.end).toString());

    // The nodes of the tree that are objects with spans: a tag, the subject, the signature.
    await page.locator(".tag").nth(4).hover();
    assert.equal(await mark.textContent(), "WTRO");
    await page.locator(".subject").hover();
    assert.equal(await mark.textContent(), "SUBJECT:  KAZAKHSTAN:  RBK CUSTOMS UNION, WTO, AND THE WAY \nFORWARD");
    await page.locator(".signature").hover();
    assert.equal(await mark.textContent(), "HOAGLAND");

    // The screenshot to look at: the header card, with an INFO recipient highlighted.
    await page.locator(".tree-pane").evaluate((pane) => pane.scrollTo(0, 0));
    await page.locator(".recipients.info").evaluate((list) => list.scrollTo(0, 0));
    await page.locator(".recipients.info .recipient").nth(3).hover();
    assert.equal(await mark.textContent(), bytes.subarray(tree.header.info[3].span.start, tree.header.info[3].span.end).toString());
    await page.screenshot({ path: join(OUTPUT, "09ASTANA1145.png") });
    await page.mouse.move(5, 5);
    assert.equal(await page.locator("#backdrop mark").count(), 0);
  });

  test("the JSON download is exactly parseJson's output, without the release index", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#download").click()]);
    assert.equal(download.suggestedFilename(), "09ASTANA1145.json");
    const saved = readFileSync(await download.path(), "utf8");
    // The package's build (with the index) knows the three cited cables are in the release;
    // the page's build says nothing of it, and differs in nothing else.
    const indexed = JSON.parse(loadNode().parseJson(sample));
    const refs = indexed.body.references;
    assert.deepEqual(refs.map((r) => r.in_release), [true, true, true]);
    for (const r of refs) r.in_release = null;
    assert.equal(saved, JSON.stringify(indexed));
  });

  test("the example button loads 09ASTANA1145", async () => {
    await page.locator("#input").fill("");
    await parsed("empty");
    await page.locator("#load-example").click();
    await parsed();
    assert.equal(await page.locator("#input").inputValue(), sample);
    assert.equal(await page.locator(".paragraph").count(), 8);
  });

  test("an HTML <pre> block: spans highlight the decoded text", async () => {
    const html = readFileSync(join(corpusDir, "cablegate-html", "08ASTANA338.html"), "utf8");
    await page.locator("#input").fill(html);
    await parsed();
    assert.equal(await page.locator("#decoded-pane").isVisible(), true);
    assert.match(await page.locator("#status").textContent(), /^html pre/);
    assert.deepEqual(await page.locator(".tag").allTextContents(), ["PGOV", "PREL", "EPET", "PINR", "KZ"]);
    await page.locator(".paragraph").first().hover();
    assert.match(await page.locator("#decoded mark").textContent(), /^¶?1\./);
    await page.screenshot({ path: join(OUTPUT, "08ASTANA338-html.png") });
  });

  /** Drops a file named `name` holding `text` on the editor. */
  async function drop(name, text) {
    const dataTransfer = await page.evaluateHandle(
      ([fileName, content]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([content], fileName, { type: "text/plain" }));
        return transfer;
      },
      [name, text],
    );
    await page.dispatchEvent("#editor", "drop", { dataTransfer });
  }

  test("dropping a cables.csv row and a whole cablegate page", async () => {
    await drop("row.csv", sampleCsvRow(sample));
    await page.waitForFunction(() => document.getElementById("input").value.startsWith('"1",'));
    await parsed();
    assert.match(await page.locator("#status").textContent(), /^csv row/);
    assert.match(await page.locator("#decoded-note").textContent(), /CSV row/);
    assert.equal(await page.locator(".recipients.info .recipient").count(), 19);
    assert.equal(await page.locator(".paragraph").count(), 8);
    assert.deepEqual(await page.locator(".references .cable-link").allTextContents(), [
      "09ASTANA1018",
      "09ASTANA1005",
      "09ASTANA830",
    ]);

    const file = "07BERN881.html";
    await drop(file, readFileSync(join(corpusDir, "cablegate-page", file), "utf8"));
    await page.waitForFunction(() => document.getElementById("input").value.includes("<html"));
    await parsed();
    assert.match(await page.locator("#status").textContent(), /^html page/);
    assert.equal((await page.locator(".refid").textContent()).trim(), "07BERN881");
    assert.equal(await page.locator(".card-top .classification.level-secret").count(), 1);
    // `REF: A. STATE 124823`, `B. GUHA-CARTER E-MAIL (07SEP07)`, `C. BERN 860`, `D. STATE 123352`:
    // three cables (each with its id, linked when the release has it) and an e-mail.
    assert.deepEqual(
      await page.locator(".references .label").allTextContents(),
      ["A.", "B.", "C.", "D."],
    );
    assert.deepEqual(await page.locator(".references .ref-kind").allTextContents(), ["e-mail"]);
    assert.equal(await page.locator(".references .kind-email .cable-link, .references .kind-email .cable-id").count(), 0);
    assert.deepEqual(
      (await page.locator(".references .cable-link, .references .cable-id").allTextContents()).map((s) => s.split(" ")[0]),
      ["07STATE124823", "07BERN860", "07STATE123352"],
    );
    // `E.O. 12958: DECL: 09/10/2027`, month first.
    assert.equal((await page.locator(".eo .declassify").textContent()).trim(), "declassify on 2027-09-10");
    // `Classified By: Charg d'Affaires a.i. Leigh Carter; reasons 1.4(b) and ( d).`
    assert.equal(await page.locator(".classifier").textContent(), "Leigh Carter");
    assert.match(await page.locator(".classified-by").textContent(), /, Charg d'Affaires a\.i\./);
    assert.deepEqual(await page.locator(".classified-by .reason").allTextContents(), ["1.4(b)", "1.4(d)"]);
    assert.deepEqual(await page.locator(".tag").allTextContents(), ["MNUC", "KNNP", "ETTC", "IR", "SZ"]);
    assert.equal((await page.locator(".signature").textContent()).trim(), "CARTER");
    await page.screenshot({ path: join(OUTPUT, "07BERN881-page.png") });
  });

  test("a bare <pre> file named by its reference id: the id comes from the name", async () => {
    const file = "07BERLIN1767.html";
    const html = readFileSync(join(corpusDir, "cablegate-html", file), "utf8");
    await drop(file, html);
    await page.waitForFunction((name) => document.querySelector(".refid")?.textContent.startsWith(name), "07BERLIN1767");
    assert.equal((await page.locator(".refid").textContent()).trim(), "07BERLIN1767 (from the file name)");
    assert.ok((await page.locator(".diagnostic code").allTextContents()).includes("id-from-file-name"));
    // With the year of the name, `REF: A. BERLIN 1681` is the cable 07BERLIN1681.
    const ids = await page.locator(".references .cable-link, .references .cable-id").allTextContents();
    assert.equal(ids[0].split(" ")[0], "07BERLIN1681");
    // Once the text is no longer the file's, the name no longer applies.
    await page.locator("#input").fill(`${html}\n`);
    await parsed();
    assert.equal((await page.locator(".refid").textContent()).trim(), "no reference id");
  });

  test("a classified cable: subject marking, kinds of tags, NOTAL, classifier, trailer line", async () => {
    const text = [
      "CONFIDENTIAL ASTANA 001145",
      "",
      "E.O. 12958: DECL: 1.6X1",
      "TAGS: PREL, OVIP (RICE, CONDOLEEZZA), KZ, NATO, KDEM",
      "SUBJECT: (C) A TEST OF",
      "THE TREE",
      "",
      "REF: A. ASTANA 1018 (NOTAL)",
      "     B. GUHA-CARTER E-MAIL (07SEP07)",
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
    await paste(text);
    await parsed();
    assert.equal((await page.locator(".subject").textContent()).trim(), "A TEST OF THE TREE");
    const marking = page.locator(".subject-line .marking");
    assert.equal((await marking.textContent()).trim(), "(C)");
    assert.match(await marking.getAttribute("class"), /level-confidential/);
    assert.deepEqual(await page.locator(".tag").allTextContents(), ["PREL", "OVIP (RICE, CONDOLEEZZA)", "KZ", "NATO", "KDEM"]);
    assert.deepEqual(
      await page.locator(".tag").evaluateAll((tags) => tags.map((t) => t.dataset.kind)),
      ["subject", "person", "country", "organisation", "program"],
    );
    assert.match(await page.locator(".tag").nth(1).getAttribute("title"), /RICE, CONDOLEEZZA/);
    assert.equal((await page.locator(".eo .declassify").textContent()).trim(), "exempt: 1.6X1");
    assert.deepEqual(await page.locator(".references .notal").allTextContents(), ["NOTAL"]);
    assert.equal(await page.locator(".references .kind-cable .notal").count(), 1);
    assert.deepEqual(await page.locator(".references .ref-kind").allTextContents(), ["e-mail"]);
    assert.equal(await page.locator(".classifier").textContent(), "Richard E. Hoagland");
    assert.match(await page.locator(".classified-by").textContent(), /^Classified by Richard E\. Hoagland, Ambassador · reasons 1\.4\(b\)1\.4\(d\)$/);
    assert.equal((await page.locator(".signature").textContent()).trim(), "HOAGLAND");
    assert.deepEqual(await page.locator(".trailer").allTextContents(), ["NNNN"]);
    await page.locator(".trailer").hover();
    assert.equal(await page.locator("#backdrop mark").textContent(), "NNNN");
    await page.screenshot({ path: join(OUTPUT, "classified-synthetic.png") });
  });

  test("strict mode shows the error with line, column and snippet", async () => {
    await page.locator("#strict").check();
    await page.locator("#input").fill("FM AMEMBASSY X\nTO\n");
    await parsed("error");
    const card = page.locator(".error-card");
    assert.match(await card.textContent(), /Line 2, column 1: expected/);
    assert.equal((await card.locator(".snippet").textContent()).split("\n")[0], "TO");
    // The lenient tree is shown below, with its diagnostics.
    assert.ok((await page.locator(".diagnostic").count()) > 0);
    await page.screenshot({ path: join(OUTPUT, "strict-error.png") });
    await page.locator("#strict").uncheck();
  });

  /** Puts `text` in the editor as a paste does (one input event). */
  async function paste(text) {
    await page.evaluate((value) => {
      const input = document.getElementById("input");
      input.value = value;
      input.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste" }));
    }, text);
  }

  test("odd and large inputs keep the page responsive", async () => {
    const junk = Array.from({ length: 40_000 }, (_, i) => `(${"¶".repeat(i % 7)}${i} TO INFO <pre>&amp;`).join("\n");
    await paste(junk);
    await parsed();
    assert.equal(await page.evaluate(() => 1 + 1), 2);
    // A parse that outlives its time limit is stopped, and the next one works.
    await page.evaluate(() => {
      window.cablePage.timeoutMs = 1;
    });
    await paste(`${junk}\n`);
    await parsed("error");
    assert.match(await page.locator("#status").textContent(), /was stopped/);
    await page.evaluate(() => {
      window.cablePage.timeoutMs = 10_000;
    });
    await paste(sample);
    await parsed();
    assert.equal(await page.locator(".paragraph").count(), 8);
  });

  test("without a worker, the page parses on its own thread", async () => {
    const other = await context.newPage();
    other.on("pageerror", (err) => problems.push(`page error (noworker): ${err.message}`));
    await other.goto(`${url}?noworker`);
    await other.waitForFunction(() => document.getElementById("status").textContent.startsWith("ready"));
    assert.match(await other.locator("#status").textContent(), /page thread/);
    await other.locator("#load-example").click();
    await other.waitForFunction(() => document.body.dataset.state === "parsed");
    assert.equal(await other.locator(".paragraph").count(), 8);
    assert.equal(await other.locator(".recipients.info .recipient").count(), 19);
    await other.close();
  });

  test("no errors in the console", () => {
    assert.deepEqual(problems, []);
  });
});
