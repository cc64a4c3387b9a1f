// End-to-end test of the viewer against a running `nexus serve` with the
// seed documents ingested: NEXUS_URL=http://127.0.0.1:8080 npm run e2e
// Screenshots go to ui/test-results/. The README's pictures are not taken
// here (this data has ../shared too): e2e/screenshots.mjs takes them from
// what make run ingests.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "./browser.mjs";
import { graphPixels as drawnPixels, labelLayer, labelProblems, nodeBoxes, overlayRects as overlays } from "./canvas.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "test-results");
mkdirSync(out, { recursive: true });
const BASE = (process.env.NEXUS_URL || "http://127.0.0.1:8080").replace(/\/$/, "");

let passed = 0;
let failed = 0;
const results = [];
function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

const { context, close } = await launch();
// Content-Security-Policy violations the pages report (the viewer must work under the policy)
const cspViolations = [];
let currentStep = "";
await context.exposeBinding("__cspViolation", (_src, v) => cspViolations.push(`${currentStep}: ${v}`));
await context.addInitScript(() =>
  document.addEventListener("securitypolicyviolation", (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} on ${e.target?.nodeName}.${e.target?.className}`)),
);
const page = context.pages()[0] ?? (await context.newPage());
const consoleErrors = [];
page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
page.on("pageerror", (e) => consoleErrors.push(String(e)));

// E2E_ONLY=regexp runs only the steps whose names match (to try one against a change)
const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, "i") : null;

async function step(name, fn) {
  if (only && !only.test(name)) return;
  const t = Date.now();
  currentStep = name;
  try {
    await fn();
    passed++;
    results.push(`ok   ${name} (${Date.now() - t} ms)`);
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    results.push(`FAIL ${name}: ${e.message}`);
    console.log(`FAIL ${name}: ${e.message}`);
    await page.screenshot({ path: join(out, `fail-${name.replace(/\W+/g, "-")}.png`) }).catch(() => {});
  }
}

// The seed entities: KOMID and SSRC may be stored under their full names (alias search finds them).
async function resolve(id, name) {
  const r = await fetch(`${BASE}/api/entities/${id}`);
  if (r.ok) return id;
  const s = await (await fetch(`${BASE}/api/search?q=${encodeURIComponent(name)}&limit=5`)).json();
  const want = name.toLowerCase();
  const hit = (s.results || []).find((n) => n.name.toLowerCase() === want || (n.aliases || []).some((a) => a.toLowerCase() === want));
  if (!hit) throw new Error(`seed entity ${name} not found: are the seed documents ingested?`);
  return hit.id;
}
const KOMID = await resolve("komid", "KOMID");
const ASSAD = await resolve("bashar-al-assad", "Bashar al-Assad");
console.log(`KOMID is ${KOMID}, Bashar al-Assad is ${ASSAD}`);

const state = () =>
  page.evaluate(() => {
    const a = window.__nexus;
    const f = a.view.getFocus();
    return {
      nodes: [...a.state.nodes.keys()],
      edges: a.state.edges.size,
      drawn: a.view.graph.order,
      drawnEdges: a.view.relationIds().length,
      focusNodes: f ? [...f.nodes] : [],
      focusEdges: f ? [...f.edges] : [],
      paths: a.paths.length,
      hash: location.hash,
      undo: !document.querySelector("#undo").disabled,
    };
  });

/** Clicks an edge of the canvas by its id: screen position of its middle. */
async function clickEdge(id) {
  const pos = await page.evaluate((id) => {
    const v = window.__nexus.view;
    const [s, t] = v.graph.extremities(id);
    const a = v.sigma.graphToViewport(v.graph.getNodeAttributes(s));
    const b = v.sigma.graphToViewport(v.graph.getNodeAttributes(t));
    const r = v.sigma.getContainer().getBoundingClientRect();
    return { x: r.left + (a.x + b.x) / 2, y: r.top + (a.y + b.y) / 2 };
  }, id);
  await page.mouse.click(pos.x, pos.y);
}

async function nodeScreen(id) {
  return page.evaluate((id) => {
    const v = window.__nexus.view;
    const p = v.sigma.graphToViewport(v.graph.getNodeAttributes(id));
    const r = v.sigma.getContainer().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, id);
}

/**
 * Opens the path panel on page p and asks for all shortest paths from KOMID
 * to Bashar al-Assad, each end typed and picked from its result list (the
 * caller presses Find).
 */
async function askAllShortestPaths(p) {
  await p.click("[data-testid=paths-btn]");
  for (const [box, q, id] of [["path-from", "KOMID", KOMID], ["path-to", "Bashar", ASSAD]]) {
    await p.fill(`[data-testid=${box}]`, "");
    await p.type(`[data-testid=${box}]`, q);
    await p.waitForSelector(`[data-testid=${box}-results] li[data-id="${id}"]`, { timeout: 10000 });
    await p.click(`[data-testid=${box}-results] li[data-id="${id}"]`);
  }
  await p.selectOption("[data-testid=path-mode]", "all_shortest");
}

const waitLayout = (p = page) => p.waitForFunction(() => !window.__nexus.view.isLayoutRunning(), null, { timeout: 20000 });

/** Waits until the layout has stopped, a camera fit after `fits` was applied and the camera is still. */
const waitSettled = (p, fits) =>
  p.waitForFunction(
    (n) => {
      const v = window.__nexus.view;
      return !v.isLayoutRunning() && v.fits > n && !v.sigma.getCamera().isAnimated();
    },
    fits,
    { timeout: 25000 },
  );

const graphPixels = (p = page) => drawnPixels(p);
const overlayRects = (p = page) => overlays(p);

await step("landing shows the KOMID–SSRC neighbourhood and a path hint", async () => {
  await page.goto(BASE + "/", { waitUntil: "load" });
  await page.waitForFunction(() => window.__nexus && window.__nexus.state.nodes.size > 0, null, { timeout: 20000 });
  const s = await state();
  check(s.nodes.includes(KOMID), `${KOMID} not on the landing canvas: ${s.nodes}`);
  check(await page.isVisible("[data-testid=hint]"), "no hint on the landing view");
  const hint = await page.textContent("[data-testid=hint]");
  check(/path/i.test(hint), `hint does not explain paths: ${hint}`);
  const reading = await page.textContent("[data-testid=legend-reading]");
  check(/size.*degree/i.test(reading) && /width.*confidence/i.test(reading), `the legend does not say what size and width mean: ${reading}`);
  check((await page.$$("[data-testid=legend-family]")).length >= 4, "relation types are not grouped by family in the legend");
  // the time slicer: two sliders side by side, above the fold of a 900-pixel window
  const sl = await page.evaluate(() => ["year-from", "year-to"].map((t) => document.querySelector(`[data-testid=${t}]`)?.getBoundingClientRect().toJSON()));
  check(sl.every(Boolean), "no time slicer on the landing view");
  check(Math.abs(sl[0].top - sl[1].top) < 2 && sl[0].right <= sl[1].left, `the year sliders are not side by side: ${JSON.stringify(sl)}`);
  check(sl[1].bottom <= (await page.evaluate(() => innerHeight)), `the time slicer is below the fold (bottom ${sl[1].bottom})`);
  await waitLayout();
  await page.screenshot({ path: join(out, "01-landing.png") });
});

await step("landing labels: none overlaps another or a node, none leaves the canvas or lies under a panel", async () => {
  await page.waitForFunction(() => window.__nexus.view.fits > 0 && !window.__nexus.view.sigma.getCamera().isAnimated(), null, { timeout: 10000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  // the label canvas's pixels are read too: every inked pixel lies in a box
  const layer = await labelLayer(page);
  const nodeLabels = layer.boxes.filter((b) => !b.centred).length;
  check(nodeLabels >= 8, `only ${nodeLabels} node labels drawn for ${layer.discs.length} nodes`);
  check(nodeLabels >= layer.discs.length - 2, `${layer.discs.length - nodeLabels} of ${layer.discs.length} nodes have no label on the landing view`);
  const bad = labelProblems(layer, await overlayRects());
  check(bad.length === 0, bad.join("; "));
});

await step("hovering a node: its relation labels and its neighbours' names are drawn apart", async () => {
  // the node with the most single (not bundled) edges on screen
  const target = await page.evaluate(() => {
    const v = window.__nexus.view;
    let best = null, most = 0;
    v.graph.forEachNode((id) => {
      const n = v.graph.edges(id).filter((e) => !v.bundle(e) && !v.graph.getEdgeAttribute(e, "curvature")).length;
      if (n > most) (best = id), (most = n);
    });
    const c = v.sigma.getContainer().getBoundingClientRect();
    const p = v.sigma.framedGraphToViewport(v.sigma.getNodeDisplayData(best));
    return { id: best, edges: most, x: c.left + p.x, y: c.top + p.y };
  });
  check(target.edges >= 3, `no node with three single edges to hover: ${JSON.stringify(target)}`);
  await page.mouse.move(5, 5);
  await page.mouse.move(target.x, target.y, { steps: 3 });
  await page.waitForFunction((id) => window.__nexus.view.placedLabels.some((l) => l.centred && window.__nexus.view.graph.hasEdge(l.key) && window.__nexus.view.graph.extremities(l.key).includes(id)), target.id, { timeout: 5000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const layer = await labelLayer(page);
  const bad = labelProblems(layer, await overlayRects());
  check(bad.length === 0, bad.join("; "));
  const relLabels = layer.boxes.filter((b) => b.centred && !b.label.startsWith("×"));
  check(relLabels.length >= 2, `only ${relLabels.length} relation labels drawn around ${target.id} (${target.edges} edges)`);
  await page.screenshot({ path: join(out, "01b-hover-node.png") });
  await page.mouse.move(5, 5);
});

await step("landing: the hint bar does not cover the canvas, nodes are inside it", async () => {
  const ids = await page.evaluate(() => window.__nexus.view.graph.nodes());
  const { canvas, nodes } = await nodeBoxes(page, ids);
  const hint = await page.evaluate(() => document.querySelector("#hint").getBoundingClientRect().toJSON());
  check(hint.bottom <= canvas.top + 0.5, `hint (bottom ${hint.bottom}) overlaps the canvas (top ${canvas.top})`);
  const outside = nodes.filter((n) => n.x - n.r < canvas.left || n.x + n.r > canvas.right || n.y - n.r < canvas.top || n.y + n.r > canvas.bottom);
  check(outside.length === 0, `nodes outside the canvas: ${outside.map((n) => n.id)}`);
  const text = (await page.textContent("#hint-text")).trim();
  check(!/^\.|\. \.|\.\s*$/.test(text) && !text.includes(" . "), `stray punctuation in the hint: ${text}`);
});

await step("parallel edges: one edge with a count, drawn apart on click", async () => {
  // Every bundle's clearest point (farthest from every other edge and
  // node, off the badge at its middle); the bundle whose point is clearest
  // is hovered: in a dense landing view the layout may run one bundle
  // through another node's disc.
  const clearest = () =>
    page.evaluate(() => {
      const v = window.__nexus.view;
      const r = v.sigma.getContainer().getBoundingClientRect();
      const vp = (n) => v.sigma.graphToViewport(v.graph.getNodeAttributes(n));
      const segDist = (p, u, w) => {
        const dx = w.x - u.x, dy = w.y - u.y;
        const l = dx * dx + dy * dy || 1;
        const k = Math.max(0, Math.min(1, ((p.x - u.x) * dx + (p.y - u.y) * dy) / l));
        return Math.hypot(p.x - (u.x + k * dx), p.y - (u.y + k * dy));
      };
      const nodes = v.graph.nodes().map(vp);
      let best = null;
      for (const id of v.graph.edges().filter((e) => v.bundle(e))) {
        const [a, z] = v.graph.extremities(id).map(vp);
        const others = v.graph.edges().filter((e) => e !== id).map((e) => v.graph.extremities(e).map(vp));
        for (let f = 0.15; f <= 0.851; f += 0.025) {
          if (Math.abs(f - 0.5) < 0.12) continue;
          const p = { x: a.x + (z.x - a.x) * f, y: a.y + (z.y - a.y) * f };
          const d = Math.min(...others.map(([u, w]) => segDist(p, u, w)), ...nodes.map((n) => Math.hypot(p.x - n.x, p.y - n.y)));
          if (!best || d > best.d) best = { id, d, x: r.left + p.x, y: r.top + p.y };
        }
      }
      return best;
    });
  const pos = await clearest();
  const b = await page.evaluate((id) => {
    const v = window.__nexus.view;
    if (!id) return null;
    const bundle = v.bundle(id);
    const badge = v.placedLabels.find((l) => l.key === id);
    return { id, n: bundle.members.length, members: bundle.members.map((m) => m.id), drawnMembers: bundle.members.filter((m) => v.graph.hasEdge(m.id)).length, badge: badge?.label ?? null };
  }, pos?.id);
  check(b, "no bundle of parallel edges on the landing view (Syria–North Korea has several)");
  check(b.drawnMembers === 0, `${b.drawnMembers} of a bundle's members are drawn besides it`);
  check(b.badge === `×${b.n}`, `bundle badge ${b.badge}, want ×${b.n}`);
  // hover: the tooltip names the count and types
  await page.mouse.move(5, 5);
  await page.mouse.move(pos.x, pos.y, { steps: 4 });
  // one tooltip: the count and types, then the strongest relation's type, confidence and first sentence
  await page.waitForSelector("[data-testid=edge-tip]:not([hidden]) [data-testid=tip-evidence]", { timeout: 10000 });
  const tipOf = () =>
    page.evaluate(() => {
      const el = document.querySelector("[data-testid=edge-tip]");
      const r = el.getBoundingClientRect();
      const c = window.__nexus.view.sigma.getContainer().getBoundingClientRect();
      return {
        text: el.textContent,
        edge: el.dataset.edge,
        lead: el.dataset.lead,
        sentence: el.querySelector("[data-testid=tip-evidence]")?.textContent,
        shown: document.querySelectorAll(".tip:not([hidden])").length,
        inWindow: r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight,
        inCanvas: r.left >= c.left && r.top >= c.top && r.right <= c.right && r.bottom <= c.bottom,
        // nothing cut: the text fits its box
        clipped: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
      };
    });
  const readable = async (t, rel, what) => {
    check(t.shown === 1, `${what}: ${t.shown} tooltips shown`);
    check(t.text.includes(rel.type), `${what}: the tooltip lacks the type ${rel.type}: ${t.text}`);
    check(t.text.includes(`confidence ${Math.round(rel.confidence * 100)}%`), `${what}: the tooltip lacks the confidence: ${t.text}`);
    check(rel.evidence?.length && t.sentence === rel.evidence[0].sentence, `${what}: tooltip sentence "${t.sentence}" is not the first evidence`);
    check(t.inWindow && t.inCanvas && !t.clipped, `${what}: the tooltip leaves the window or the canvas, or is cut: ${JSON.stringify(t)}`);
  };
  const tip = await tipOf();
  check(tip.edge === b.id && tip.text.includes(`${b.n} relations`), `bundle tooltip: ${tip.text}`);
  const types = await page.evaluate((id) => [...new Set(window.__nexus.view.bundle(id).members.map((m) => m.type))], b.id);
  check(types.every((t) => tip.text.includes(t)), `the bundle tooltip does not name every type (${types}): ${tip.text}`);
  const lead = await (await fetch(`${BASE}/api/relations/${tip.lead}`)).json();
  const maxConf = await page.evaluate((id) => Math.max(...window.__nexus.view.bundle(id).members.map((m) => m.confidence ?? 0)), b.id);
  check(Math.abs(lead.confidence - maxConf) < 1e-9, `the tooltip's relation (confidence ${lead.confidence}) is not the bundle's strongest (${maxConf})`);
  await readable(tip, lead, "bundle");
  await page.screenshot({ path: join(out, "01c-bundle-tip.png") });
  await page.mouse.click(pos.x, pos.y);
  await page.waitForSelector("[data-testid=bundle-list]", { timeout: 5000 });
  const after = await page.evaluate((members) => ({ drawn: members.filter((m) => window.__nexus.view.graph.hasEdge(m)).length, rows: document.querySelectorAll("[data-testid=bundle-edge]").length }), b.members);
  check(after.drawn === b.n && after.rows === b.n, `after a click ${after.drawn} of ${b.n} drawn, ${after.rows} listed`);
  check(!(await page.evaluate((id) => window.__nexus.view.graph.hasEdge(id), b.id)), "the bundle is still drawn after it was opened");
  // one of the curved members under the pointer: its own tooltip, readable
  await page.mouse.move(5, 5);
  const curved = await page.evaluate((members) => {
    const v = window.__nexus.view;
    const c = v.sigma.getContainer().getBoundingClientRect();
    const id = members.find((m) => v.graph.getEdgeAttribute(m, "curvature"));
    const [s, t] = v.graph.extremities(id);
    const p = v.sigma.framedGraphToViewport(v.sigma.getNodeDisplayData(s));
    const q = v.sigma.framedGraphToViewport(v.sigma.getNodeDisplayData(t));
    const k = v.graph.getEdgeAttribute(id, "curvature");
    // points of the curve, its middle first: the quadratic through the
    // control point offset k·(dy, −dx) from the chord's middle (a node or a
    // label the layout happens to put over the middle hides the edge there,
    // not elsewhere on it)
    const cx = (p.x + q.x) / 2 + (q.y - p.y) * k, cy = (p.y + q.y) / 2 - (q.x - p.x) * k;
    const at = [0.5, 0.4, 0.6, 0.3, 0.7].map((t) => ({
      x: c.left + (1 - t) * (1 - t) * p.x + 2 * (1 - t) * t * cx + t * t * q.x,
      y: c.top + (1 - t) * (1 - t) * p.y + 2 * (1 - t) * t * cy + t * t * q.y,
    }));
    return { id, at };
  }, b.members);
  let onCurve = false;
  for (const at of curved.at) {
    await page.mouse.move(5, 5);
    await page.mouse.move(at.x, at.y, { steps: 3 });
    onCurve = await page.waitForFunction((id) => { const el = document.querySelector("[data-testid=edge-tip]"); return !el.hidden && el.dataset.edge === id && el.querySelector("[data-testid=tip-evidence]"); }, curved.id, { timeout: 4000 }).then(() => true, () => false);
    if (onCurve) break;
  }
  check(onCurve, `no tooltip on the curved relation ${curved.id} anywhere along its middle three fifths`);
  await readable(await tipOf(), await (await fetch(`${BASE}/api/relations/${curved.id}`)).json(), "a parallel relation drawn apart");
  await page.mouse.move(5, 5);
  await page.click("[data-testid=bundle-edge]");
  await page.waitForSelector("[data-testid=evidence-list]", { timeout: 10000 });
  await page.evaluate(([a, z]) => window.__nexus.view.setPairOpen(a, z, false), await page.evaluate((id) => window.__nexus.view.graph.extremities(id), b.members[0]));
  check(await page.evaluate((id) => window.__nexus.view.graph.hasEdge(id), b.id), "the bundle did not close again");
  await page.mouse.move(5, 5);
});

await step("edge hover tooltip: type, confidence and first evidence sentence", async () => {
  // single edges on screen, longest first, each hovered at a third of its
  // length away from every node, until the pointer is on the one aimed at
  const cands = await page.evaluate(() => {
    const v = window.__nexus.view;
    const r = v.sigma.getContainer().getBoundingClientRect();
    const pos = new Map(v.graph.nodes().map((n) => [n, v.sigma.graphToViewport(v.graph.getNodeAttributes(n))]));
    const out = [];
    v.graph.forEachEdge((id, a, s, t) => {
      if (v.bundle(id) || a.curvature) return;
      const p = pos.get(s), q = pos.get(t);
      const len = Math.hypot(p.x - q.x, p.y - q.y);
      const x = p.x + (q.x - p.x) / 3, y = p.y + (q.y - p.y) / 3;
      const clear = [...pos.values()].every((n) => Math.hypot(n.x - x, n.y - y) > 24);
      if (clear && len > 60) out.push({ id, len, x: r.left + x, y: r.top + y });
    });
    return out.sort((a, b) => b.len - a.len).slice(0, 6);
  });
  check(cands.length > 0, "no edge long enough to hover");
  let hit = null;
  for (const e of cands) {
    await page.mouse.move(5, 5);
    await page.mouse.move(e.x, e.y, { steps: 4 });
    const on = await page.waitForFunction((id) => document.querySelector("[data-testid=edge-tip]")?.dataset.edge === id && !document.querySelector("[data-testid=edge-tip]").hidden, e.id, { timeout: 2000 }).then(() => true, () => false);
    if (on) {
      hit = e;
      break;
    }
  }
  check(hit, `no tooltip on any of ${cands.length} edges hovered`);
  await page.waitForSelector("[data-testid=tip-evidence]", { timeout: 10000 });
  const tip = await page.evaluate(() => {
    const el = document.querySelector("[data-testid=edge-tip]");
    const r = el.getBoundingClientRect();
    return { text: el.textContent, sentence: el.querySelector("[data-testid=tip-evidence]").textContent, inside: r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight, edge: el.dataset.edge };
  });
  const rel = await (await fetch(`${BASE}/api/relations/${tip.edge}`)).json();
  check(tip.text.includes(rel.type), `tooltip lacks the type ${rel.type}: ${tip.text}`);
  check(tip.text.includes(`confidence ${Math.round(rel.confidence * 100)}%`), `tooltip lacks the confidence: ${tip.text}`);
  check(rel.evidence?.length && tip.sentence === rel.evidence[0].sentence, `tooltip sentence "${tip.sentence}" is not the first evidence`);
  check(tip.inside, "tooltip leaves the window");
  await page.mouse.move(5, 5);
  await page.waitForSelector("[data-testid=edge-tip][hidden]", { state: "attached", timeout: 5000 });
});

await step("graph pixels stay drawn as panels open and close", async () => {
  const min = 1500;
  const seen = [];
  const probe = async (what) => {
    const { count } = await graphPixels();
    seen.push(`${what}: ${count}`);
    check(count > min, `after ${what} only ${count} graph pixels are drawn (${seen.join(", ")})`);
  };
  await probe("landing");
  const width0 = await page.evaluate(() => window.__nexus.view.sigma.getDimensions().height);
  await page.keyboard.press("c");
  await page.waitForSelector("[data-testid=cypher-editor] .cm-content", { timeout: 10000 });
  const width1 = await page.evaluate(() => window.__nexus.view.sigma.getDimensions().height);
  check(width1 < width0, `the canvas did not make room for the console (${width0} → ${width1})`);
  await probe("opening the console");
  await page.click("#fit");
  await page.waitForFunction(() => !window.__nexus.view.sigma.getCamera().isAnimated());
  await probe("Fit with the console open");
  await page.click("#console-close");
  await probe("closing the console");
  await page.keyboard.press("p");
  await probe("opening Paths");
  await page.click("#pathfinder .panel-head button");
  await probe("closing Paths");
  await page.click("#hint-close");
  await probe("dismissing the hint");
  await page.keyboard.press("?");
  await probe("opening the shortcuts");
  await page.keyboard.press("?");
  await page.click("#theme");
  await probe("dark theme");
  await page.click("#theme");
  await probe("light theme");
});

await step("the first path search after Clear shows the whole path, centred, clear of panels", async () => {
  // Fresh browsers: the bug showed on the first search of a session. The fit
  // before 98c42d4 framed the nodes' last drawn positions, which are stale
  // when no frame was drawn between the layout's big moves and its end; that
  // happened in about one fresh session in three here, and a stale fit put
  // the path off centre (often partly off the canvas). So three sessions, and
  // besides "inside the canvas" the path must be centred where the fit put it.
  // Proven on the old bug: with 98c42d4's fit reverted, the earlier one-session
  // test failed 1 run in 3, this one 4 in 6 (node komid 100-160 px off the
  // canvas); with the fix it passed 5 in 5 (2026-12-07, load average ~10).
  for (let session = 1; session <= 3; session++) {
    const b = await launch();
    const p2 = b.context.pages()[0] ?? (await b.context.newPage());
    try {
      await p2.goto(BASE + "/", { waitUntil: "load" });
      await p2.waitForFunction(() => window.__nexus && window.__nexus.state.nodes.size > 0, null, { timeout: 20000 });
      await waitLayout(p2);
      await p2.click("#clear");
      await askAllShortestPaths(p2);
      const fits = await p2.evaluate(() => window.__nexus.view.fits);
      await p2.click("[data-testid=path-find]");
      await p2.waitForSelector("[data-testid=path-list] [data-testid=path]", { timeout: 15000 });
      await waitSettled(p2, fits);
      await p2.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const ids = await p2.evaluate(() => window.__nexus.paths[window.__nexus.pathIndex].nodes.map((n) => n.id));
      const { canvas, nodes } = await nodeBoxes(p2, ids);
      const over = await overlayRects(p2);
      const where = `session ${session}`;
      for (const n of nodes) {
        check(n.x - n.r >= canvas.left && n.x + n.r <= canvas.right && n.y - n.r >= canvas.top && n.y + n.r <= canvas.bottom, `${where}: path node ${n.id} at (${Math.round(n.x)}, ${Math.round(n.y)}) is outside the canvas ${JSON.stringify(canvas)}`);
        const under = over.find((o) => n.x >= o.left && n.x <= o.right && n.y >= o.top && n.y <= o.bottom);
        check(!under, `${where}: path node ${n.id} is under ${under?.id}`);
        check(n.label, `${where}: the label of path node ${n.id} is not drawn`);
        check(n.label.left >= canvas.left && n.label.right <= canvas.right, `${where}: the label of ${n.id} is cut by the canvas edge`);
      }
      // the fit centres the path's nodes: their bounding box's middle is the canvas's
      const xs = nodes.map((n) => n.x), ys = nodes.map((n) => n.y);
      const off = { x: (Math.min(...xs) + Math.max(...xs)) / 2 - (canvas.left + canvas.right) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 - (canvas.top + canvas.bottom) / 2 };
      const tol = { x: 0.03 * (canvas.right - canvas.left), y: 0.03 * (canvas.bottom - canvas.top) };
      check(Math.abs(off.x) <= tol.x && Math.abs(off.y) <= tol.y, `${where}: the path is off centre by (${Math.round(off.x)}, ${Math.round(off.y)}) px: the camera was not fitted to its drawn positions`);
      const { count } = await graphPixels(p2);
      check(count > 1000, `${where}: only ${count} graph pixels after the path search`);
      if (session === 1) await p2.screenshot({ path: join(out, "09-path-after-clear.png") });
    } finally {
      await b.close();
    }
  }
});

await step("search KOMID with autocomplete and open it", async () => {
  await page.click("#clear");
  await page.keyboard.press("/");
  await page.keyboard.type("KOM");
  await page.waitForSelector(`[data-testid=search-results] li[data-id="${KOMID}"]`, { timeout: 10000 });
  await page.keyboard.press("Enter");
  await page.waitForFunction((id) => window.__nexus.state.nodes.has(id) && window.__nexus.state.nodes.size > 1, KOMID, { timeout: 10000 });
  await page.waitForSelector("[data-testid=entity-name]");
  check((await page.textContent("[data-testid=details]")).includes("KOMID"), "details panel does not show KOMID (name or alias)");
});

await step("search finds spelling variants and says what matched (Hizballah → Hezbollah)", async () => {
  for (const q of ["Hizballah", "Hizbullah"]) {
    await page.fill("[data-testid=search]", "");
    await page.type("[data-testid=search]", q);
    await page.waitForSelector('[data-testid=search-results] li[data-id="hezbollah"]', { timeout: 10000 });
    const shown = await page.textContent('[data-testid=search-results] li[data-id="hezbollah"] [data-testid=ac-matched]');
    check(/Hezbollah/.test(shown) && /variant/.test(shown), `${q}: the match is not explained: ${shown}`);
  }
  await page.keyboard.press("Escape");
  await page.fill("[data-testid=search]", "");
});

await step("expand with a limit, see truncation, undo it", async () => {
  await page.click("#clear");
  await page.evaluate((id) => window.__nexus.openEntity({ id }, false), KOMID);
  await page.waitForSelector("[data-testid=expand]");
  // a limit of 1 on a node with several neighbours must say more exist
  await page.fill("[data-testid=expand-limit]", "1");
  await page.click("[data-testid=expand]");
  await page.waitForFunction(() => window.__nexus.state.nodes.size >= 2, null, { timeout: 10000 });
  const s1 = await state();
  check(s1.nodes.length === 2, `limit 1 should add 1 neighbour, have ${s1.nodes}`);
  await page.waitForSelector("[data-testid=truncated]", { timeout: 5000 });
  const label = await page.evaluate((id) => window.__nexus.view.graph.getNodeAttribute(id, "label"), KOMID);
  check(label.endsWith("(+)"), `a truncated node's label should say more exist: ${label}`);
  await page.fill("[data-testid=expand-limit]", "50");
  await page.click("[data-testid=expand]");
  await page.waitForFunction((n) => window.__nexus.state.nodes.size > n, s1.nodes.length, { timeout: 10000 });
  const s2 = await state();
  await page.click("body", { position: { x: 5, y: 300 } });
  await page.keyboard.press("Control+z");
  const s3 = await state();
  check(s3.nodes.length === s1.nodes.length, `undo should return to ${s1.nodes.length} nodes, have ${s3.nodes.length} (was ${s2.nodes.length})`);
  await page.click("[data-testid=undo]");
  await page.click("[data-testid=expand]");
  await page.waitForFunction((n) => window.__nexus.state.nodes.size >= n, s2.nodes.length, { timeout: 10000 });
  await waitLayout();
});

await step("find a path KOMID → Bashar al-Assad, highlighted, with evidence on its edges", async () => {
  await askAllShortestPaths(page);
  await page.click("[data-testid=path-find]");
  await page.waitForSelector("[data-testid=path-list] [data-testid=path]", { timeout: 15000 });
  await page.waitForFunction(() => location.hash.includes("path="), null, { timeout: 5000 }).catch(() => {});
  const s = await state();
  check(s.focusNodes.includes(KOMID) && s.focusNodes.includes(ASSAD), `path ends not highlighted: ${s.focusNodes}`);
  check(s.focusEdges.length >= 1, "no highlighted edge");
  check(s.hash.includes(`path=${KOMID},${ASSAD}`), `URL does not hold the path: ${s.hash}`);
  // the highlighted path is drawn; the others are dimmed
  const dim = await page.evaluate(() => {
    const v = window.__nexus.view;
    const f = v.getFocus();
    let dimmed = 0;
    v.graph.forEachNode((id) => {
      if (!f.nodes.has(id) && v.sigma.getNodeDisplayData(id)?.color !== v.graph.getNodeAttribute(id, "color")) dimmed++;
    });
    return { dimmed, others: v.graph.order - f.nodes.size };
  });
  check(dim.dimmed === dim.others, `nodes off the path are not all dimmed: ${JSON.stringify(dim)}`);
  await waitLayout();
  await page.waitForTimeout(400);
  await page.evaluate(() => document.querySelector("#toasts").replaceChildren());
  await page.screenshot({ path: join(out, "02-path.png") });
  // every relation of the highlighted path is labelled on the canvas (a curved one on its curve), apart from the rest
  await page.waitForFunction(() => !window.__nexus.view.sigma.getCamera().isAnimated(), null, { timeout: 5000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const pathLayer = await labelLayer(page);
  const unlabelled = s.focusEdges.filter((id) => !pathLayer.boxes.some((b) => b.key === id));
  check(unlabelled.length === 0, `path relations without a label: ${unlabelled}`);
  const pathBad = labelProblems(pathLayer, await overlayRects());
  check(pathBad.length === 0, pathBad.join("; "));
  // evidence of each step
  const steps = await page.$$("[data-testid=path].active [data-testid=path-edge]");
  check(steps.length === s.focusEdges.length, `path list shows ${steps.length} steps for ${s.focusEdges.length} edges`);
  await steps[0].click();
  await page.waitForSelector("[data-testid=evidence] blockquote", { timeout: 10000 });
  const ev = await page.$$("[data-testid=evidence]");
  check(ev.length >= 1, "no evidence sentence");
  const mark = await page.$("[data-testid=evidence] mark");
  check(mark, "trigger not highlighted in the evidence sentence");
  // clicking the edge on the canvas opens the same panel
  await page.evaluate(() => (document.querySelector("[data-testid=details]").innerHTML = ""));
  // a straight (not parallel, so not curved) edge of the path: its middle is on the line
  const straight = await page.evaluate((ids) => ids.find((id) => !window.__nexus.view.graph.getEdgeAttribute(id, "curvature")), s.focusEdges);
  check(straight, "no straight edge on the path to click");
  await clickEdge(straight);
  await page.waitForSelector("[data-testid=evidence] blockquote", { timeout: 10000 });
  await page.screenshot({ path: join(out, "03-evidence.png") });
});

await step("open the document at the evidence sentence", async () => {
  await page.click("[data-testid=open-document]");
  await page.waitForSelector("[data-testid=doc-highlight]", { timeout: 10000 });
  const text = await page.textContent("[data-testid=doc-highlight]");
  const sentence = await page.textContent("[data-testid=evidence] blockquote");
  check(text.trim() === sentence.trim(), `document highlight "${text}" differs from the sentence "${sentence}"`);
  const inView = await page.evaluate(() => {
    const m = document.querySelector("[data-testid=doc-highlight]").getBoundingClientRect();
    const c = document.querySelector("[data-testid=doc-text]").getBoundingClientRect();
    return m.top >= c.top && m.bottom <= c.bottom;
  });
  check(inView, "highlighted sentence is not scrolled into view");
  await page.screenshot({ path: join(out, "04-document.png") });
  await page.keyboard.press("Escape");
});

await step("evidence opened from the last of 10 paths is in view", async () => {
  await page.selectOption("[data-testid=path-mode]", "k");
  await page.fill("#path-k", "10");
  await page.click("[data-testid=path-find]");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=path-list] [data-testid=path]").length >= 8, null, { timeout: 15000 });
  const n = await page.$$eval("[data-testid=path-list] [data-testid=path]", (l) => l.length);
  const last = page.locator("[data-testid=path-list] [data-testid=path]").nth(n - 1);
  await last.locator("[data-testid=path-edge]").first().click();
  await page.waitForSelector("[data-testid=evidence] blockquote", { timeout: 10000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const r = await page.evaluate(() => {
    const q = document.querySelector("[data-testid=evidence] blockquote").getBoundingClientRect();
    const panel = document.querySelector("#right").getBoundingClientRect();
    return { top: q.top, bottom: q.bottom, h: innerHeight, ptop: panel.top, pbottom: panel.bottom };
  });
  check(r.top >= r.ptop && r.bottom <= Math.min(r.h, r.pbottom), `evidence at y ${Math.round(r.top)}–${Math.round(r.bottom)} is outside the panel's view ${Math.round(r.ptop)}–${Math.round(Math.min(r.h, r.pbottom))}`);
  await page.screenshot({ path: join(out, "10-evidence-long-list.png") });
  await page.selectOption("[data-testid=path-mode]", "all_shortest");
  await page.click("[data-testid=path-find]");
  await page.waitForFunction(() => window.__nexus.state.path?.mode === "all_shortest" && window.__nexus.paths.length > 0, null, { timeout: 15000 });
  // the URL is written after a short debounce
  await page.waitForFunction(() => location.hash.slice(1) === window.__nexus.currentHash(), null, { timeout: 5000 });
});

await step("the URL reproduces the view", async () => {
  const s = await state();
  const p2 = await context.newPage();
  await p2.goto(BASE + "/" + s.hash, { waitUntil: "load" });
  await p2.waitForFunction(() => window.__nexus && window.__nexus.paths.length > 0, null, { timeout: 20000 });
  const s2 = await p2.evaluate(() => ({ nodes: [...window.__nexus.state.nodes.keys()].sort(), focus: [...(window.__nexus.view.getFocus()?.edges ?? [])].sort() }));
  check(JSON.stringify(s2.nodes) === JSON.stringify([...s.nodes].sort()), `restored nodes differ: ${s2.nodes} vs ${s.nodes}`);
  check(JSON.stringify(s2.focus) === JSON.stringify([...s.focusEdges].sort()), `restored path highlight differs: ${s2.focus} vs ${[...s.focusEdges].sort()} (${s.hash})`);
  // Clear on a restored view: the hint says what to do (no empty bubble), the details panel empties
  await p2.waitForSelector("[data-testid=entity-name]", { timeout: 10000 }).catch(() => {});
  await p2.click("#clear");
  const after = await p2.evaluate(() => ({
    hint: !document.querySelector("#hint").hidden,
    text: document.querySelector("#hint-text").textContent.trim(),
    details: document.querySelector("#details").textContent.trim(),
  }));
  check(after.hint && after.text.length > 20, `after Clear the hint is ${after.hint ? `"${after.text}"` : "hidden"}`);
  check(after.details === "", `after Clear the details panel still shows: ${after.details.slice(0, 80)}`);
  await p2.close();
});

await step("legend filters hide edges; colour by community", async () => {
  const before = await state();
  await page.click("[data-testid=legend-relation-SUPPLIES]");
  // the URL is updated after a short debounce
  await page.waitForFunction(() => /[#&]hr=/.test(location.hash), null, { timeout: 5000 }).catch(() => {});
  const after = await state();
  check(after.drawnEdges < before.drawnEdges || before.drawnEdges === 0, `hiding SUPPLIES did not hide edges (${before.drawnEdges} → ${after.drawnEdges})`);
  check(/hr=/.test(after.hash), "relation filter not in the URL");
  await page.click("[data-testid=legend-relation-SUPPLIES]");
  check((await state()).drawnEdges === before.drawnEdges, "showing SUPPLIES again did not restore edges");
  await page.click("[data-testid=color-community]");
  await page.waitForSelector("[data-testid=community-count]", { timeout: 10000 });
  check(/\d+ communities/.test(await page.textContent("[data-testid=community-count]")), "community count not shown");
  await page.screenshot({ path: join(out, "08-communities.png") });
  await page.click(".seg button:first-child");
});

await step("shift-click selects several nodes; right-click hides one (undoable)", async () => {
  await page.keyboard.press("Escape");
  await waitLayout();
  const fits = await page.evaluate(() => window.__nexus.view.fits);
  await page.click("#fit");
  await waitSettled(page, fits);
  await page.evaluate((id) => (window.__komid = id), KOMID);
  const ids = await page.evaluate(() => {
    const v = window.__nexus.view;
    const r = v.sigma.getContainer().getBoundingClientRect();
    return v.graph.filterNodes((id, a) => {
      const p = v.sigma.graphToViewport(a);
      return id !== window.__komid && p.x > 20 && p.y > 20 && p.x < r.width - 20 && p.y < r.height - 20;
    }).slice(0, 2);
  });
  check(ids.length === 2, `need two nodes on screen, have ${ids}`);
  for (const id of ids) {
    const p = await nodeScreen(id);
    await page.keyboard.down("Shift");
    await page.mouse.click(p.x, p.y);
    await page.keyboard.up("Shift");
    await page.waitForTimeout(400); // two quick clicks would be a double click (expand)
  }
  await page.waitForSelector("[data-testid=selection-title]", { timeout: 5000 });
  check((await page.textContent("[data-testid=selection-title]")).startsWith("2 selected"), "selection panel does not say 2 selected");
  await page.keyboard.press("Escape");
  const p = await nodeScreen(ids[0]);
  await page.mouse.click(p.x, p.y, { button: "right" });
  await page.waitForSelector("[data-testid=ctx-menu] [data-testid=ctx-hide]", { timeout: 5000 });
  await page.click("[data-testid=ctx-menu] [data-testid=ctx-hide]");
  await page.waitForFunction(() => /[#&]h=/.test(location.hash), null, { timeout: 5000 }).catch(() => {});
  const s = await state();
  check(!(await page.evaluate((id) => window.__nexus.view.graph.hasNode(id), ids[0])), "hidden node still drawn");
  check(/[#&]h=/.test(s.hash), `hidden node not in the URL: ${s.hash}`);
  await page.click("[data-testid=undo]");
  check(await page.evaluate((id) => window.__nexus.view.graph.hasNode(id), ids[0]), "undo did not bring the hidden node back");
});

await step("dragging a node moves and pins it", async () => {
  await waitLayout();
  const id = await page.evaluate(() => window.__nexus.view.graph.nodes()[0]);
  const p = await nodeScreen(id);
  const before = await page.evaluate((id) => ({ ...window.__nexus.view.graph.getNodeAttributes(id) }), id);
  await page.mouse.move(p.x, p.y);
  await page.mouse.down();
  for (let i = 1; i <= 5; i++) await page.mouse.move(p.x + i * 12, p.y + i * 8);
  await page.mouse.up();
  const after = await page.evaluate((id) => ({ ...window.__nexus.view.graph.getNodeAttributes(id), pinned: window.__nexus.state.pinned.has(id) }), id);
  check(after.pinned && after.fixed, "dragged node is not pinned");
  check(Math.hypot(after.x - before.x, after.y - before.y) > 0, "dragged node did not move");
});

await step("save a view with positions and export GraphML", async () => {
  page.once("dialog", (d) => d.accept("e2e view"));
  await page.click("[data-testid=views-btn]");
  await page.click("[data-testid=save-view]");
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("nexus.views") || "[]"));
  check(saved.length === 1 && saved[0].name === "e2e view" && Object.keys(saved[0].positions).length > 0, "view not saved with positions");
  // clear the canvas, load the saved view: same nodes at the saved positions
  await page.click("#clear");
  await page.click("[data-testid=views-btn]");
  await page.click("#views-menu .view-row button.grow");
  await page.waitForFunction((n) => window.__nexus.view.graph.order === n, Object.keys(saved[0].positions).length, { timeout: 15000 });
  const moved = await page.evaluate((pos) => {
    const g = window.__nexus.view.graph;
    return Object.entries(pos).filter(([id, [x, y]]) => !g.hasNode(id) || Math.hypot(g.getNodeAttribute(id, "x") - x, g.getNodeAttribute(id, "y") - y) > 1e-2).map(([id]) => id);
  }, saved[0].positions);
  check(moved.length === 0, `nodes not at their saved positions: ${moved}`);
  const [dl] = await Promise.all([page.waitForEvent("download", { timeout: 10000 }), (async () => {
    await page.click("[data-testid=export-btn]");
    await page.click("[data-export=graphml]");
  })()]);
  const file = join(out, "export.graphml");
  await dl.saveAs(file);
  const { readFileSync } = await import("node:fs");
  const xml = readFileSync(file, "utf8");
  check(xml.includes("<graphml") && xml.includes(`<node id="${KOMID}">`), "GraphML export lacks the graph");
  // parsed back: every relation carries its provenance
  const { DOMParser } = await import("@xmldom/xmldom");
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const keyName = new Map(Array.from(doc.getElementsByTagName("key")).map((k) => [k.getAttribute("id"), k.getAttribute("attr.name")]));
  const edgesXml = Array.from(doc.getElementsByTagName("edge")).map((e) => Object.fromEntries(Array.from(e.getElementsByTagName("data")).map((d) => [keyName.get(d.getAttribute("key")), d.textContent])));
  const drawnRel = await page.evaluate(() => window.__nexus.view.relationIds().length);
  check(edgesXml.length === drawnRel, `GraphML has ${edgesXml.length} edges, ${drawnRel} relations are drawn`);
  const bare = edgesXml.filter((e) => Number(e.evidenceCount) > 0 && !(e.evidence && e.documentIds && e.documentTitles && e.rule && e.confidence));
  check(bare.length === 0, `${bare.length} GraphML edges lack evidence, documents, rule or confidence: ${JSON.stringify(bare[0])}`);
  const graphData = Array.from(doc.getElementsByTagName("graph")[0].childNodes).filter((n) => n.nodeName === "data").map((d) => keyName.get(d.getAttribute("key")));
  check(graphData.includes("query") && graphData.includes("date"), `GraphML lacks the query or date: ${graphData}`);
  for (const [kind, probe] of [["gexf", "<gexf"], ["json", '"nodes"']]) {
    const [d] = await Promise.all([page.waitForEvent("download", { timeout: 10000 }), (async () => {
      await page.click("[data-testid=export-btn]");
      await page.click(`[data-export=${kind}]`);
    })()]);
    const f = join(out, `export.${kind}`);
    await d.saveAs(f);
    const text = readFileSync(f, "utf8");
    check(text.includes(probe) && text.includes(KOMID), `${kind} export lacks the graph`);
    if (kind === "gexf") check(text.includes('for="evidence"') && text.includes('for="documentTitles"') && text.includes("<description>"), "GEXF lacks evidence, document titles or the description");
    if (kind === "json") {
      const j = JSON.parse(text);
      check(j.meta?.query && j.meta?.date && j.meta?.url, `JSON lacks its meta data: ${JSON.stringify(j.meta)}`);
      const noEv = j.edges.filter((e) => e.evidenceCount > 0 && !(e.evidence?.length && e.evidence.every((x) => x.sentence && x.document)));
      check(noEv.length === 0, `${noEv.length} JSON edges lack their evidence`);
    }
  }
});

await step("Cypher console: a query shows a table", async () => {
  await page.click("[data-testid=cypher-btn]");
  await page.waitForSelector("[data-testid=cypher-editor] .cm-content", { timeout: 10000 });
  const highlighted = await page.$$eval("[data-testid=cypher-editor] .cm-content span", (s) => s.length);
  check(highlighted > 0, "no syntax highlighting spans in the editor");
  await page.click("[data-testid=cypher-editor] .cm-content");
  await page.keyboard.press("Control+a");
  await page.keyboard.type("MATCH (n:Entity) RETURN n.name AS name, n.type AS type ORDER BY name LIMIT 5");
  await page.click("[data-testid=cypher-run]");
  await page.waitForSelector("[data-testid=cypher-table] tbody tr", { timeout: 15000 });
  const cols = await page.$$eval("[data-testid=cypher-table] th", (t) => t.map((x) => x.textContent));
  check(cols.join(",") === "name,type", `columns ${cols}`);
  // a query returning nodes and relations can replace the canvas
  await page.click("[data-testid=cypher-editor] .cm-content");
  await page.keyboard.press("Control+a");
  await page.keyboard.type("MATCH (a:Entity)-[r:SUPPLIES]->(b:Entity) RETURN a, r, b LIMIT 10");
  await page.click("[data-testid=cypher-run]");
  await page.waitForSelector("[data-testid=cypher-replace]:not([disabled])", { timeout: 15000 });
  await page.click("[data-testid=cypher-replace]");
  await page.waitForFunction(() => {
    const a = window.__nexus;
    return a.state.edges.size > 0 && [...a.state.edges.values()].every((e) => e.type === "SUPPLIES");
  }, null, { timeout: 10000 });
  await page.screenshot({ path: join(out, "05-cypher.png") });
});

await step("Cypher console: a write query is refused, a syntax error shows its position", async () => {
  await page.click("[data-testid=cypher-editor] .cm-content");
  await page.keyboard.press("Control+a");
  await page.keyboard.type("CREATE (n:Entity {id: 'x'}) RETURN n");
  await page.click("[data-testid=cypher-run]");
  await page.waitForSelector("[data-testid=cypher-status].code-write_refused", { timeout: 15000 });
  const msg = await page.textContent("[data-testid=cypher-status]");
  check(/refused/i.test(msg) && /422/.test(msg), `write refusal not shown clearly: ${msg}`);
  await page.click("[data-testid=cypher-editor] .cm-content");
  await page.keyboard.press("Control+a");
  await page.keyboard.type("MATCH (n) RETURN n LIMT 5");
  await page.click("[data-testid=cypher-run]");
  await page.waitForSelector("[data-testid=cypher-status].code-syntax_error", { timeout: 15000 });
  const pos = await page.$("[data-testid=cypher-error-pos]");
  check(pos, "syntax error position not shown");
  await page.screenshot({ path: join(out, "06-cypher-error.png") });
  await page.click("#console-close");
});

await step("dark theme and PNG export", async () => {
  await page.click("#theme");
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, "07-dark.png") });
  const [dl] = await Promise.all([page.waitForEvent("download", { timeout: 10000 }), (async () => {
    await page.click("[data-testid=export-btn]");
    await page.click("[data-testid=export-png]");
  })()]);
  const file = join(out, "export.png");
  await dl.saveAs(file);
  const { readFileSync } = await import("node:fs");
  const png = readFileSync(file);
  check(png.length > 5000, "exported PNG is tiny");
  // text chunks (iTXt) and the picture's size: header above and legend beside the canvas
  const text = {};
  for (let o = 8; o + 12 <= png.length; ) {
    const len = png.readUInt32BE(o);
    const type = png.toString("latin1", o + 4, o + 8);
    if (type === "iTXt") {
      const d = png.subarray(o + 8, o + 8 + len);
      const z = d.indexOf(0);
      const lang = d.indexOf(0, z + 3);
      const tr = d.indexOf(0, lang + 1);
      text[d.toString("latin1", 0, z)] = d.toString("utf8", tr + 1);
    }
    o += 12 + len;
  }
  check(text.Title?.startsWith("Nexus") && text.Description && !Number.isNaN(Date.parse(text["Creation Time"])) && text.Source?.includes("#"), `PNG text chunks: ${JSON.stringify(text)}`);
  const dims = await page.evaluate(() => window.__nexus.view.sigma.getDimensions());
  const w = png.readUInt32BE(16), hgt = png.readUInt32BE(20);
  check(w > dims.width && hgt > dims.height, `PNG ${w}×${hgt} has no room for the legend and header beside the ${dims.width}×${dims.height} canvas`);
  await page.click("#theme");
});

await step("accessibility: axe-core finds no critical or serious issue in any panel", async () => {
  const { readFileSync } = await import("node:fs");
  const { createRequire } = await import("node:module");
  const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  const p3 = await context.newPage();
  const found = [];
  const audit = async (where) => {
    // evaluated over the DevTools protocol: the page's CSP refuses inline scripts
    if (!(await p3.evaluate(() => !!window.axe))) await p3.evaluate(axeSource);
    const v = await p3.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations.map((x) => ({ id: x.id, impact: x.impact, targets: x.nodes.slice(0, 3).map((n) => n.target.join(" ")) })));
    for (const x of v) if (x.impact === "critical" || x.impact === "serious") found.push(`${where}: ${x.impact} ${x.id} at ${x.targets.join(", ")}`);
    const minor = v.filter((x) => x.impact !== "critical" && x.impact !== "serious");
    if (minor.length) console.log(`     axe, ${where}: ${minor.map((x) => `${x.impact} ${x.id}`).join(", ")}`);
  };
  try {
    await p3.goto(BASE + "/", { waitUntil: "load" });
    await p3.waitForFunction(() => window.__nexus && window.__nexus.state.nodes.size > 0, null, { timeout: 20000 });
    await waitLayout(p3);
    await p3.waitForSelector("[data-testid=entity-name]", { timeout: 10000 });
    await audit("landing with entity details");
    // the search combobox: expanded with an active option while it lists matches
    await p3.click("[data-testid=search]");
    await p3.keyboard.type("KOM");
    await p3.waitForSelector(`[data-testid=search-results] li[data-id="${KOMID}"]`, { timeout: 10000 });
    const cb = await p3.evaluate(() => {
      const i = document.querySelector("[data-testid=search]");
      const act = i.getAttribute("aria-activedescendant");
      return { expanded: i.getAttribute("aria-expanded"), controls: i.getAttribute("aria-controls"), list: document.getElementById(i.getAttribute("aria-controls"))?.getAttribute("role"), active: act && document.getElementById(act)?.getAttribute("role") };
    });
    check(cb.expanded === "true" && cb.list === "listbox" && cb.active === "option", `combobox attributes: ${JSON.stringify(cb)}`);
    await audit("search suggestions open");
    await p3.keyboard.press("Escape");
    check((await p3.getAttribute("[data-testid=search]", "aria-expanded")) === "false", "combobox still says expanded after Escape");
    await p3.keyboard.press("p");
    await audit("paths panel");
    await p3.click("[data-testid=cypher-btn]");
    await p3.waitForSelector("[data-testid=cypher-editor] .cm-content", { timeout: 10000 });
    await audit("Cypher console");
    await p3.click("#console-close");
    await p3.click("#theme");
    await audit("dark theme");
    await p3.click("#theme");
    await p3.evaluate(() => {
      const v = window.__nexus.view;
      const id = v.graph.edges().find((e) => !v.bundle(e));
      return window.__nexus.openEdge(id);
    });
    await p3.waitForSelector("[data-testid=evidence-list]", { timeout: 10000 });
    await audit("evidence panel");
    await p3.click("[data-testid=open-document]");
    await p3.waitForSelector("[data-testid=doc-text]", { timeout: 10000 });
    await audit("document reader");
    await p3.keyboard.press("Escape");
  } finally {
    await p3.close();
  }
  check(found.length === 0, found.join(" | "));
});

await step("keyboard: the canvas is reachable with Tab and explored with keys", async () => {
  const p4 = await context.newPage();
  try {
    await p4.goto(BASE + "/", { waitUntil: "load" });
    await p4.waitForFunction(() => window.__nexus && window.__nexus.state.nodes.size > 0, null, { timeout: 20000 });
    await waitLayout(p4);
    // the first Tab lands on the skip link, which takes the focus to the canvas
    await p4.keyboard.press("Tab");
    check((await p4.evaluate(() => document.activeElement?.id)) === "skip-to-canvas", "the first Tab does not offer to skip to the canvas");
    await p4.keyboard.press("Enter");
    check((await p4.evaluate(() => document.activeElement?.id)) === "sigma", "the skip link does not focus the canvas");
    check((await p4.evaluate(() => document.querySelector("#sigma").tabIndex)) === 0, "the canvas is not in the Tab order");
    check(!!(await p4.getAttribute("#sigma", "aria-label")), "the canvas has no accessible name");
    const cam0 = await p4.evaluate(() => window.__nexus.view.sigma.getCamera().getState());
    await p4.keyboard.press("ArrowRight");
    await p4.waitForFunction((x) => !window.__nexus.view.sigma.getCamera().isAnimated() && window.__nexus.view.sigma.getCamera().getState().x !== x, cam0.x, { timeout: 5000 });
    await p4.keyboard.press("n");
    await p4.waitForFunction(() => window.__nexus.view.selected.size === 1, null, { timeout: 5000 });
    const chosen = await p4.evaluate(() => [...window.__nexus.view.selected][0]);
    const status = await p4.textContent("#canvas-status");
    check(status.length > 0, "choosing a node is not announced");
    await p4.waitForFunction((id) => document.querySelector("[data-testid=entity-name]") && window.__nexus.openEntityId === id, chosen, { timeout: 10000 });
    const before = await p4.evaluate(() => window.__nexus.state.history.length);
    await p4.keyboard.press("Enter");
    await p4.waitForFunction((n) => window.__nexus.state.history.length > n, before, { timeout: 10000 });
  } finally {
    await p4.close();
  }
});

await step("served under a strict Content-Security-Policy, with no violation", async () => {
  const r = await fetch(BASE + "/", { headers: { "accept-encoding": "gzip" } });
  const csp = r.headers.get("content-security-policy") || "";
  for (const want of ["script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'"]) check(csp.includes(want), `CSP lacks ${want}: ${csp}`);
  const inline = csp.split(";").map((d) => d.trim()).filter((d) => /unsafe-inline|unsafe-eval/.test(d) && d !== "style-src-attr 'unsafe-inline'");
  check(inline.length === 0, `CSP allows inline code: ${inline}`);
  check(cspViolations.length === 0, `CSP violations: ${cspViolations.join(" | ")}`);
});

await step("assets go out compressed (Brotli) when the browser asks", async () => {
  const html = await (await fetch(BASE + "/")).text();
  const js = /src="\.?\/?(assets\/index-[^"]+\.js)"/.exec(html)?.[1];
  check(js, "no index script in the page");
  const r = await page.evaluate(async (u) => {
    const entry = performance.getEntriesByType("resource").find((e) => e.name.endsWith(u));
    return entry ? { transfer: entry.transferSize, body: entry.decodedBodySize, encoded: entry.encodedBodySize } : null;
  }, js);
  check(r && r.encoded < r.body * 0.5, `the index script was not sent compressed: ${JSON.stringify(r)}`);
  // Chromium asks for br: the server sends the build's precompressed .br, which the browser decoded to the script
  const head = await page.evaluate(async (u) => (await fetch(u, { method: "HEAD" })).headers.get("content-encoding"), js);
  check(head === "br", `the index script went out as ${head}, not br`);
});

await step("a graph of 21,000 edges is built without holding the page, drawn as dots while it lays out, then by sigma with its edges, and cleared", async () => {
  // the in-page bench's generated graph (no API data), stopped once the layout has ended
  const p = await context.newPage();
  const errs = [];
  p.on("pageerror", (e) => errs.push(String(e)));
  try {
    await p.goto(BASE + "/?bench=big&nodes=3500&edges=21000&only=layout", { waitUntil: "load" });
    await p.waitForSelector("[data-testid=layout-preview]", { timeout: 60000 });
    // the preview has dots on it (its own pixels, not the page behind)
    await p.waitForFunction(
      () => {
        const c = document.querySelector("[data-testid=layout-preview]");
        if (!c || !c.width) return false;
        const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n > 3000;
      },
      null,
      { timeout: 60000, polling: 200 },
    );
    await p.waitForFunction(() => window.__benchResult, null, { timeout: 120000, polling: 500 });
    check(!(await p.$("[data-testid=layout-preview]")), "the preview is still over the graph after the layout");
    const shown = await p.evaluate(() => {
      const v = window.__nexus.view;
      let hidden = 0;
      v.graph.forEachEdge((id) => (hidden += v.sigma.getEdgeDisplayData(id)?.hidden ? 1 : 0));
      return { edges: v.graph.size, hidden };
    });
    check(shown.edges === 21000 && shown.hidden === 0, `edges after the layout: ${JSON.stringify(shown)}`);
    // the graph (24,500 items) was built in slices: timers ran while it was built
    const built = await p.evaluate(() => window.__benchResult);
    check(built.turnsDuringBuild > 1, `the page's timers did not run while the graph was built (${built.turnsDuringBuild} turns): one long task`);
    const px = await graphPixels(p);
    check(px.count > 20000, `sigma draws little after the layout: ${px.count} graph pixels`);
    // Clear takes it all away (sigma re-indexed the whole graph for each dropped
    // node and edge: 2,000 nodes and 8,000 edges took 32 s, this would take hours)
    await p.click("#clear");
    await p.waitForFunction(() => window.__nexus.view.graph.order === 0, null, { timeout: 20000 });
    // (an empty canvas still counts the panel's border line: about 820 pixels)
    const left = await graphPixels(p);
    check(left.count < 1000, `${left.count} graph pixels are still drawn after Clear (${px.count} before)`);
    check(errs.length === 0, errs.join(" | "));
  } finally {
    await p.close();
  }
});

await step("no errors in the browser console", async () => {
  const real = consoleErrors.filter((e) => !/Failed to load resource.*(422|400)/.test(e));
  check(real.length === 0, real.join(" | "));
});

await close();
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
