// End-to-end test of the viewer against a running `nexus serve` with the
// seed documents ingested: NEXUS_URL=http://127.0.0.1:8080 npm run e2e
// Screenshots go to ui/test-results/; the path view is copied to
// docs/screenshot.png when E2E_SCREENSHOT_DOCS=1 (or --docs).
import { mkdirSync, copyFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "./browser.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "test-results");
mkdirSync(out, { recursive: true });
const BASE = (process.env.NEXUS_URL || "http://127.0.0.1:8080").replace(/\/$/, "");
const docs = process.env.E2E_SCREENSHOT_DOCS === "1" || process.argv.includes("--docs");

let passed = 0;
let failed = 0;
const results = [];
function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

const { context, close } = await launch();
const page = context.pages()[0] ?? (await context.newPage());
const consoleErrors = [];
page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
page.on("pageerror", (e) => consoleErrors.push(String(e)));

async function step(name, fn) {
  const t = Date.now();
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
      drawnEdges: a.view.graph.size,
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

const waitLayout = () => page.waitForFunction(() => !window.__nexus.view.isLayoutRunning(), null, { timeout: 20000 });

await step("landing shows the KOMID–SSRC neighbourhood and a path hint", async () => {
  await page.goto(BASE + "/", { waitUntil: "load" });
  await page.waitForFunction(() => window.__nexus && window.__nexus.state.nodes.size > 0, null, { timeout: 20000 });
  const s = await state();
  check(s.nodes.includes(KOMID), `${KOMID} not on the landing canvas: ${s.nodes}`);
  check(await page.isVisible("[data-testid=hint]"), "no hint on the landing view");
  const hint = await page.textContent("[data-testid=hint]");
  check(/path/i.test(hint), `hint does not explain paths: ${hint}`);
  await waitLayout();
  await page.screenshot({ path: join(out, "01-landing.png") });
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
  await page.click("[data-testid=paths-btn]");
  for (const [box, q, id] of [["path-from", "KOMID", KOMID], ["path-to", "Bashar", ASSAD]]) {
    await page.fill(`[data-testid=${box}]`, "");
    await page.type(`[data-testid=${box}]`, q);
    await page.waitForSelector(`[data-testid=${box}-results] li[data-id="${id}"]`, { timeout: 10000 });
    await page.click(`[data-testid=${box}-results] li[data-id="${id}"]`);
  }
  await page.selectOption("[data-testid=path-mode]", "all_shortest");
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

await step("the URL reproduces the view", async () => {
  const s = await state();
  const p2 = await context.newPage();
  await p2.goto(BASE + "/" + s.hash, { waitUntil: "load" });
  await p2.waitForFunction(() => window.__nexus && window.__nexus.paths.length > 0, null, { timeout: 20000 });
  const s2 = await p2.evaluate(() => ({ nodes: [...window.__nexus.state.nodes.keys()].sort(), focus: [...(window.__nexus.view.getFocus()?.edges ?? [])].sort() }));
  check(JSON.stringify(s2.nodes) === JSON.stringify([...s.nodes].sort()), `restored nodes differ: ${s2.nodes} vs ${s.nodes}`);
  check(JSON.stringify(s2.focus) === JSON.stringify([...s.focusEdges].sort()), "restored path highlight differs");
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
  await page.click("#fit");
  await page.waitForTimeout(700);
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
  for (const [kind, probe] of [["gexf", "<gexf"], ["json", '"nodes"']]) {
    const [d] = await Promise.all([page.waitForEvent("download", { timeout: 10000 }), (async () => {
      await page.click("[data-testid=export-btn]");
      await page.click(`[data-export=${kind}]`);
    })()]);
    const f = join(out, `export.${kind}`);
    await d.saveAs(f);
    const text = readFileSync(f, "utf8");
    check(text.includes(probe) && text.includes(KOMID), `${kind} export lacks the graph`);
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
  const { statSync } = await import("node:fs");
  check(statSync(file).size > 5000, "exported PNG is tiny");
  await page.click("#theme");
});

await step("no errors in the browser console", async () => {
  const real = consoleErrors.filter((e) => !/Failed to load resource.*(422|400)/.test(e));
  check(real.length === 0, real.join(" | "));
});

if (docs) {
  const dest = join(here, "..", "..", "docs", "screenshot.png");
  mkdirSync(dirname(dest), { recursive: true });
  copyFileSync(join(out, "02-path.png"), dest);
  console.log(`copied ${dest}`);
}
await close();
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
