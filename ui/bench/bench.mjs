// Viewer performance in headless Chromium (software WebGL, no GPU):
// a synthetic 10k-node / 50k-edge graph generated in the page (src/bench.ts;
// there is no API hook for synthetic data), layout time to a stable
// picture, fps while panning and zooming, longest main-thread task, an
// expansion of 100 neighbours, and the gzipped first-load bundle.
// Usage: npm run build && npm run bench   (prints JSON)
import { createServer } from "node:http";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { chromiumMemory } from "./memory.mjs";
import { extname, join, dirname, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { execSync } from "node:child_process";
import { launch } from "../e2e/browser.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = process.env.BENCH_DIST || join(root, "dist");
if (!existsSync(join(dist, "index.html"))) execSync("npm run build", { cwd: root, stdio: "inherit" });

// --- bundle size: what index.html loads first vs. lazy chunks
const html = readFileSync(join(dist, "index.html"), "utf8");
const first = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]);
const gz = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
const br = (f) => brotliCompressSync(readFileSync(join(dist, f)), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const all = readdirSync(join(dist, "assets")).filter((f) => !f.endsWith(".br")).map((f) => "assets/" + f);
const bundle = {
  firstLoadGzipBytes: gz("index.html") + first.reduce((s, f) => s + gz(f), 0),
  firstLoadBrotliBytes: br("index.html") + first.reduce((s, f) => s + br(f), 0),
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
const [bw, bh] = (process.env.BENCH_SIZE || "1280x800").split("x").map(Number);
const { context, close, profile: profileDir } = await launch({ width: bw, height: bh });
// Chromium's memory, read from /proc (PSS from smaps_rollup, so shared pages
// are split between processes rather than counted twice), sampled each second
// during the big run; the peak of the sum and of each process type.
let memPeak = null;
const sampleMemory = () => {
  const m = chromiumMemory(profileDir);
  if (!memPeak) memPeak = { totalMB: 0, byType: {} };
  memPeak.totalMB = Math.max(memPeak.totalMB, m.totalMB);
  for (const [k, v] of Object.entries(m.byType)) memPeak.byType[k] = Math.max(memPeak.byType[k] ?? 0, v);
};
// BENCH_PROFILE=1: a CPU profile of the big run (CDP Profiler), summarised as the
// functions with the most self time and the longest main-thread stretches.
const profiling = !!process.env.BENCH_PROFILE;
async function run(query, timeout, profile = false) {
  const page = await context.newPage();
  let cdp;
  if (profile) {
    cdp = await page.context().newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
    await cdp.send("Profiler.start");
  }
  await page.goto(`${base}/?${query}`);
  await page.waitForFunction(() => window.__benchResult, null, { timeout, polling: 500 });
  if (cdp) {
    const { profile: p } = await cdp.send("Profiler.stop");
    summarise(p);
  }
  const r = await page.evaluate(() => ({ ...window.__benchResult, webgl: (() => {
    const gl = document.createElement("canvas").getContext("webgl2");
    const ext = gl && gl.getExtension("WEBGL_debug_renderer_info");
    return gl ? (ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : "webgl2") : "none";
  })() }));
  await page.close();
  return r;
}
/** Prints the top self-time functions and what the longest busy stretch was made of. */
function summarise(p) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber + 1}`;
  const idle = new Set(["(idle)", "(program)", "(garbage collector)"]);
  const self = new Map();
  // busy stretches: consecutive samples not idle
  let t = p.startTime, stretch = null, stretches = [];
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i];
    const n = byId.get(p.samples[i]);
    const dt = p.timeDeltas[i + 1] ?? 0;
    self.set(name(n), (self.get(name(n)) ?? 0) + dt);
    if (n.callFrame.functionName === "(idle)") {
      if (stretch) stretches.push(stretch), (stretch = null);
      continue;
    }
    stretch ??= { start: t, ms: 0, incl: new Map() };
    stretch.ms += dt / 1000;
    const seen = new Set();
    for (let id = n.id; id !== undefined; id = parent.get(id)) {
      const k = name(byId.get(id));
      if (seen.has(k)) continue;
      seen.add(k);
      stretch.incl.set(k, (stretch.incl.get(k) ?? 0) + dt / 1000);
    }
  }
  if (stretch) stretches.push(stretch);
  const top = [...self.entries()].filter(([k]) => !idle.has(k.split(" ")[0])).sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.error("--- self time (ms)");
  for (const [k, v] of top) console.error(String(Math.round(v / 1000)).padStart(7), k);
  stretches.sort((a, b) => b.ms - a.ms);
  for (const s of stretches.slice(0, 3)) {
    console.error(`--- busy stretch ${Math.round(s.ms)} ms at +${Math.round((s.start - p.startTime) / 1000)} ms, inclusive time:`);
    for (const [k, v] of [...s.incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.error(String(Math.round(v)).padStart(7), k);
  }
}

let big, expand;
try {
  const timer = setInterval(sampleMemory, 1000);
  try {
    big = await run(`bench=big&nodes=${nodes}&edges=${edges}${process.env.BENCH_QUERY ? "&" + process.env.BENCH_QUERY : ""}`, 180000, profiling);
  } finally {
    clearInterval(timer);
  }
  big.chromiumPeakPssMB = memPeak;
  expand = await run("bench=expand", 60000);
} finally {
  await close();
  server.close();
}
const goals = {
  firstLoadUnder400KB: bundle.firstLoadGzipBytes < 400 * 1024,
  expansionSettlesUnder1s: expand.settleMs < 1000,
};
const loadAverage = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
console.log(JSON.stringify({ loadAverageAtEnd: loadAverage, graph: big, expansion: expand, bundle, goals }, null, 2));
