// The README's two pictures, taken from what `make run` serves on a fresh
// clone: a `nexus serve` whose database holds seeds/documents and nothing
// else (make run ingests only those). The script refuses any other data,
// drives the viewer as an analyst would (Paths → KOMID to Bashar al-Assad →
// All shortest → Find, then the first step's evidence), checks what is drawn
// (graph pixels; every node of the path inside the canvas and clear of the
// panels), writes ui/test-results/readme-path.png and readme-evidence.png,
// and checks that the README's captions name what the pictures show.
//
//   NEXUS_URL=http://127.0.0.1:8080 npm run screenshots             (checks, writes test-results/)
//   NEXUS_URL=http://127.0.0.1:8080 npm run screenshots -- --docs   (also copies them to docs/, as `make screenshots` does)
//
// With --docs the README is not checked against the old captions: the script
// prints the captions the new pictures need.
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "./browser.mjs";
import { graphPixels, nodeBoxes, overlayRects } from "./canvas.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const out = join(here, "..", "test-results");
mkdirSync(out, { recursive: true });
const BASE = (process.env.NEXUS_URL || "http://127.0.0.1:8080").replace(/\/$/, "");
const toDocs = process.argv.includes("--docs");
const check = (cond, msg) => {
  if (!cond) throw new Error(msg);
};

// 1. the server holds make run's data: the files of seeds/documents, no other document
const seeds = readdirSync(join(repo, "seeds", "documents")).sort();
const docs = (await (await fetch(`${BASE}/api/documents?limit=1000`)).json()).documents ?? [];
const names = docs.map((d) => d.path.split("/").pop()).sort();
check(
  JSON.stringify(names) === JSON.stringify(seeds),
  `the server must hold exactly seeds/documents (what make run ingests); it holds ${names.length} documents: ${names.slice(0, 8).join(", ")}…`,
);

const { context, close } = await launch({ width: 1440, height: 900 });
const page = context.pages()[0] ?? (await context.newPage());
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
let pathShot, evidenceShot, pathCaption, evidenceCaption, pathCount;
try {
  // 2. the best path, as an analyst finds it
  await page.goto(BASE + "/", { waitUntil: "load" });
  await page.waitForFunction(() => window.__nexus && window.__nexus.state.nodes.size > 0, null, { timeout: 30000 });
  await page.waitForFunction(() => !window.__nexus.view.isLayoutRunning(), null, { timeout: 30000 });
  await page.click("[data-testid=paths-btn]");
  for (const [box, q, name] of [["path-from", "KOMID", "KOMID"], ["path-to", "Bashar", "Bashar al-Assad"]]) {
    await page.fill(`[data-testid=${box}]`, "");
    await page.type(`[data-testid=${box}]`, q);
    const item = page.locator(`[data-testid=${box}-results] li`, { hasText: name }).first();
    await item.waitFor({ timeout: 15000 });
    await item.click();
  }
  await page.selectOption("[data-testid=path-mode]", "all_shortest");
  const fits = await page.evaluate(() => window.__nexus.view.fits);
  await page.click("[data-testid=path-find]");
  await page.waitForSelector("[data-testid=path-list] [data-testid=path]", { timeout: 20000 });
  await page.waitForFunction(
    (n) => {
      const v = window.__nexus.view;
      return !v.isLayoutRunning() && v.fits > n && !v.sigma.getCamera().isAnimated();
    },
    fits,
    { timeout: 30000 },
  );
  await page.waitForTimeout(300);
  const path = await page.evaluate(() => {
    const a = window.__nexus;
    const p = a.paths[a.pathIndex];
    const name = new Map(p.nodes.map((n) => [n.id, n.name]));
    return {
      count: a.paths.length,
      hops: p.edges.length,
      ids: p.nodes.map((n) => n.id),
      names: p.nodes.map((n) => n.name),
      first: { source: name.get(p.edges[0].source), type: p.edges[0].type, target: name.get(p.edges[0].target), id: p.edges[0].id },
    };
  });
  // what is drawn: the graph, and every node of the path whole inside the canvas, clear of the panels
  const px = await graphPixels(page);
  check(px.count > 2000, `the canvas is (nearly) blank: ${px.count} graph pixels`);
  const { canvas, nodes } = await nodeBoxes(page, path.ids);
  const panels = (await overlayRects(page)).filter((r) => r.id !== "top");
  for (const n of nodes) {
    check(n.x - n.r >= canvas.left && n.x + n.r <= canvas.right && n.y - n.r >= canvas.top && n.y + n.r <= canvas.bottom, `${n.id} is not inside the canvas: ${JSON.stringify(n)}`);
    const under = panels.find((r) => n.x >= r.left && n.x <= r.right && n.y >= r.top && n.y <= r.bottom);
    check(!under, `${n.id} is under ${under?.id}`);
  }
  await page.evaluate(() => document.querySelector("#toasts")?.replaceChildren());
  pathShot = join(out, "readme-path.png");
  await page.screenshot({ path: pathShot });
  const middle = path.names.slice(1, -1);
  pathCount = `${path.count} paths of ${path.hops} hops`;
  pathCaption = `The Nexus viewer tracing ${path.names[0]} to ${path.names.at(-1)}` + (middle.length ? ` through ${middle.join(" and ")}` : "");

  // 3. the first step's evidence: the sentence, its trigger marked, its document
  await page.locator("[data-testid=path].active [data-testid=path-edge]").first().click();
  await page.waitForSelector("[data-testid=evidence] blockquote", { timeout: 15000 });
  check(await page.$("[data-testid=evidence] mark"), "the trigger word is not marked in the evidence sentence");
  const inView = await page.evaluate(() => {
    const r = document.querySelector("[data-testid=evidence] blockquote").getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  check(inView, "the evidence sentence is not in view");
  await page.evaluate(() => document.querySelector("#toasts")?.replaceChildren());
  evidenceShot = join(out, "readme-evidence.png");
  await page.screenshot({ path: evidenceShot });
  evidenceCaption = `Evidence for ${path.first.source} ${path.first.type} ${path.first.target}`;
  check(errors.length === 0, `errors in the page: ${errors.join(" | ")}`);
} finally {
  await close();
}

// 4. the README names what the pictures show
const readme = readFileSync(join(repo, "README.md"), "utf8");
const alt = (file) => new RegExp(`!\\[([^\\]]*)\\]\\(${file.replace(".", "\\.")}\\)`).exec(readme)?.[1] ?? "";
console.log(`path picture: "${pathCaption}"\nevidence picture: "${evidenceCaption}…"`);
if (toDocs) {
  copyFileSync(pathShot, join(repo, "docs", "screenshot.png"));
  copyFileSync(evidenceShot, join(repo, "docs", "evidence.png"));
  console.log("copied to docs/screenshot.png and docs/evidence.png");
}
const wrong = [];
// the text under the pictures says how many paths the search finds
const said = /finds\s+(\d+\s+paths\s+of\s+\d+\s+hops)/.exec(readme)?.[1]?.replace(/\s+/g, " ");
if (said !== pathCount) wrong.push(`the README says the search finds "${said}", it finds ${pathCount}`);
if (alt("docs/screenshot.png") !== pathCaption) wrong.push(`docs/screenshot.png is captioned "${alt("docs/screenshot.png")}", it shows "${pathCaption}"`);
if (!alt("docs/evidence.png").startsWith(evidenceCaption)) wrong.push(`docs/evidence.png is captioned "${alt("docs/evidence.png")}", it shows "${evidenceCaption}…"`);
if (wrong.length) {
  console.log(`FAIL the README's captions: ${wrong.join("; ")}`);
  process.exit(1);
}
console.log("ok   the README's pictures and captions match what make run's data shows");
