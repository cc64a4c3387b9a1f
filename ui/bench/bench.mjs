// Viewer performance in headless Chromium (software WebGL, no GPU):
// a synthetic 10k-node / 50k-edge graph generated in the page (src/bench.ts;
// there is no API hook for synthetic data), layout time to a stable
// picture, fps while panning and zooming, longest main-thread task, an
// expansion of 100 neighbours, and the gzipped first-load bundle.
// Usage: npm run build && npm run bench   (prints JSON)
import { createServer } from "node:http";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { extname, join, dirname, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { execSync } from "node:child_process";
import { launch } from "../e2e/browser.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
if (!existsSync(join(dist, "index.html"))) execSync("npm run build", { cwd: root, stdio: "inherit" });

// --- bundle size: what index.html loads first vs. lazy chunks
const html = readFileSync(join(dist, "index.html"), "utf8");
const first = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]);
const gz = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
const all = readdirSync(join(dist, "assets")).map((f) => "assets/" + f);
const bundle = {
  firstLoadGzipBytes: gz("index.html") + first.reduce((s, f) => s + gz(f), 0),
  firstLoadFiles: first,
  lazyGzipBytes: Object.fromEntries(all.filter((f) => !first.includes(f)).map((f) => [f, gz(f)])),
  totalRawBytes: all.reduce((s, f) => s + statSync(join(dist, f)).size, 0),
};

// --- a static server for dist (the bench page calls no API)
const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  let file = join(dist, path === "/" ? "index.html" : path);
  if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) file = join(dist, "index.html");
  res.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;

const nodes = Number(process.env.BENCH_NODES) || 10000;
const edges = Number(process.env.BENCH_EDGES) || 50000;
const { context, close } = await launch({ width: 1280, height: 800 });
async function run(query, timeout) {
  const page = await context.newPage();
  await page.goto(`${base}/?${query}`);
  await page.waitForFunction(() => window.__benchResult, null, { timeout, polling: 500 });
  const r = await page.evaluate(() => ({ ...window.__benchResult, webgl: (() => {
    const gl = document.createElement("canvas").getContext("webgl2");
    const ext = gl && gl.getExtension("WEBGL_debug_renderer_info");
    return gl ? (ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : "webgl2") : "none";
  })() }));
  await page.close();
  return r;
}
let big, expand;
try {
  big = await run(`bench=big&nodes=${nodes}&edges=${edges}`, 180000);
  expand = await run("bench=expand", 60000);
} finally {
  await close();
  server.close();
}
const goals = {
  firstLoadUnder400KB: bundle.firstLoadGzipBytes < 400 * 1024,
  expansionSettlesUnder1s: expand.settleMs < 1000,
};
console.log(JSON.stringify({ graph: big, expansion: expand, bundle, goals }, null, 2));
