// In-page benchmark (loaded only with ?bench): a synthetic clustered graph
// generated in the page, then layout time, panning fps and long tasks.
import type { App } from "./app";
import { mergeSubgraph } from "./state";
import type { Edge, Node, Subgraph } from "./types";

const TYPES = ["Person", "Organization", "Country", "Location", "Event", "Item", "Vessel"];
const RELS = ["SUPPLIES", "SUPPORTS", "FINANCES", "PART_OF", "LEADS", "MEMBER_OF", "OPERATES", "LOCATED_IN", "ALLIED_WITH", "COOPERATES_WITH"];

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n nodes in sqrt(n)/2 communities, m edges, 85% inside a community. */
export function synthetic(n: number, m: number, seed = 42): Subgraph {
  const r = rng(seed);
  const communities = Math.max(1, Math.round(Math.sqrt(n) / 2));
  const nodes: Node[] = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, name: `Entity ${i}`, type: TYPES[i % TYPES.length] }));
  const edges: Edge[] = [];
  const seen = new Set<string>();
  const size = Math.ceil(n / communities);
  while (edges.length < m) {
    const a = Math.floor(r() * n);
    let b: number;
    if (r() < 0.85) {
      const c = Math.floor(a / size);
      b = Math.min(n - 1, c * size + Math.floor(Math.pow(r(), 2) * size));
    } else b = Math.floor(r() * n);
    if (a === b) continue;
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const year = 2000 + Math.floor(r() * 20);
    edges.push({ id: `e${edges.length}`, source: `n${a}`, target: `n${b}`, type: RELS[edges.length % RELS.length], confidence: 0.5 + r() / 2, properties: { years: [year] } });
  }
  return { nodes, edges };
}

const frame = () => new Promise<number>((res) => requestAnimationFrame(res));

const layoutStopped = () =>
  new Promise<{ ms: number; converged: boolean; movement: number; iterations: number }>((res) =>
    document.addEventListener("nexus:layout", (e) => res((e as CustomEvent).detail), { once: true }),
  );

/** Expansion scenario: a 300-node view, then 100 neighbours added to one node. */
async function benchExpand(app: App): Promise<void> {
  const base = synthetic(300, 900, 7);
  let done = layoutStopped();
  await app.commit(mergeSubgraph(app.state, base, { record: false }), { layout: "all" });
  await done;
  const parent = "n0";
  const sg: Subgraph = {
    nodes: Array.from({ length: 100 }, (_, i) => ({ id: `x${i}`, name: `Neighbour ${i}`, type: TYPES[i % TYPES.length] })),
    edges: Array.from({ length: 100 }, (_, i) => ({ id: `xe${i}`, source: parent, target: `x${i}`, type: "SUPPLIES", confidence: 0.8 })),
    truncated: true,
  };
  done = layoutStopped();
  const t = performance.now();
  await app.commit(mergeSubgraph(app.state, sg, { expandedFrom: { id: parent, limit: 100 } }), { parent, layout: "new" });
  const syncMs = performance.now() - t;
  const layout = await done;
  const result = {
    scenario: "expand 100 neighbours of one node in a 300-node view",
    syncMs: Math.round(syncMs),
    settleMs: Math.round(performance.now() - t),
    layoutConverged: layout.converged,
  };
  (window as unknown as { __benchResult: unknown }).__benchResult = result;
}

/** Median time from a mouse move onto a node to the next frame, which shows it hovered (ms). */
async function hoverLatency(app: App): Promise<number | null> {
  const s = app.view.sigma;
  const g = app.view.graph;
  const rect = s.getContainer().getBoundingClientRect();
  // nodes in the middle of the screen, biggest first
  const cands: string[] = [];
  g.forEachNode((id, a) => {
    const p = s.graphToViewport(a);
    if (p.x > rect.width * 0.2 && p.x < rect.width * 0.8 && p.y > rect.height * 0.2 && p.y < rect.height * 0.8) cands.push(id);
  });
  cands.sort((a, b) => g.getNodeAttribute(b, "size") - g.getNodeAttribute(a, "size"));
  const times: number[] = [];
  // sent to the element under the point (sigma's mouse layer), as a real pointer would
  const move = (x: number, y: number) =>
    document.elementFromPoint(rect.left + x, rect.top + y)?.dispatchEvent(new MouseEvent("mousemove", { clientX: rect.left + x, clientY: rect.top + y, bubbles: true }));
  for (const id of cands.slice(0, 5)) {
    const p = s.graphToViewport(g.getNodeAttributes(id));
    let entered = false;
    const onEnter = () => (entered = true);
    s.once("enterNode", onEnter);
    // the viewer redraws inside the mouse handler; the next frame shows it
    const t = performance.now();
    move(p.x, p.y);
    await frame();
    if (entered) times.push(performance.now() - t);
    else s.off("enterNode", onEnter);
    move(rect.width - 3, rect.height - 3);
    await frame();
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!times.length) return null;
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]);
}

/**
 * What one frame of the whole graph costs: sigma's render call on the main
 * thread, then the wait until the GPU (software here) has drawn it, forced by
 * reading one pixel of each WebGL context. Median of five, all edges drawn.
 */
async function frameCost(app: App): Promise<{ renderMs: number; gpuWaitMs: number }> {
  const s = app.view.sigma as unknown as { render(): void; webGLContexts: Record<string, WebGLRenderingContext> };
  const px = new Uint8Array(4);
  const sync = () => {
    for (const gl of Object.values(s.webGLContexts)) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
  };
  const render: number[] = [];
  const wait: number[] = [];
  for (let i = 0; i < 5; i++) {
    await frame();
    sync();
    const t = performance.now();
    s.render();
    const t1 = performance.now();
    sync();
    render.push(t1 - t);
    wait.push(performance.now() - t1);
  }
  const med = (xs: number[]) => Math.round(xs.sort((a, b) => a - b)[2]);
  return { renderMs: med(render), gpuWaitMs: med(wait) };
}

export async function runBench(app: App, params: URLSearchParams): Promise<void> {
  if (params.get("bench") === "expand") return benchExpand(app);
  // experiments: ?edgeEvents=0 turns off sigma's edge picking (a second draw of every edge)
  if (params.get("edgeEvents") === "0") app.view.sigma.setSetting("enableEdgeEvents", false);
  const n = Number(params.get("nodes")) || 10000;
  const m = Number(params.get("edges")) || 50000;
  const longtasks: number[] = [];
  const spans: { start: number; end: number }[] = [];
  // which phase each long task started in
  const phases: { name: string; t: number }[] = [{ name: "generate+sync+first frame", t: 0 }];
  const phase = (name: string) => phases.push({ name, t: performance.now() });
  const worstByPhase: Record<string, number> = {};
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        longtasks.push(e.duration);
        spans.push({ start: e.startTime, end: e.startTime + e.duration });
        const p = [...phases].reverse().find((x) => x.t <= e.startTime)?.name ?? "?";
        worstByPhase[p] = Math.max(worstByPhase[p] ?? 0, Math.round(e.duration));
      }
    }).observe({ type: "longtask", buffered: true });
  } catch {
    /* longtask not supported */
  }
  // what sigma's indexation (process) and a frame (render) cost on the main thread
  const sig = app.view.sigma;
  let tProcess = 0, tRender = 0;
  const processMs: number[] = [];
  const renderMs: number[] = [];
  sig.on("beforeProcess", () => (tProcess = performance.now()));
  sig.on("afterProcess", () => processMs.push(performance.now() - tProcess));
  sig.on("beforeRender", () => (tRender = performance.now()));
  sig.on("afterRender", () => renderMs.push(performance.now() - tRender));
  const worst = (xs: number[]) => Math.round(Math.max(0, ...xs));
  const t0 = performance.now();
  const sg = synthetic(n, m);
  const genMs = performance.now() - t0;
  // the generation is the bench's, not the viewer's: a task of its own
  await new Promise((r) => setTimeout(r, 0));
  const layoutDone = layoutStopped();
  let renders = 0;
  app.view.sigma.on("afterRender", () => renders++);
  const t1 = performance.now();
  // the first frame that draws the new graph: the tasks before it built the view
  let firstRenderStart = Infinity;
  app.view.sigma.once("beforeRender", () => (firstRenderStart = performance.now()));
  // timers that ran while the graph was built: the build leaves the event loop free
  let turnsDuringBuild = 0;
  let building = true;
  const tick = () => setTimeout(() => building && (turnsDuringBuild++, tick()), 0);
  tick();
  // a big commit is built in slices (the promise resolves once it is built)
  await app.commit(mergeSubgraph(app.state, sg, { record: false }), { layout: "all" });
  building = false;
  const syncMs = performance.now() - t1;
  await frame();
  const firstFrameMs = performance.now() - t1;
  // tasks that start from here on are "after the first render"
  const firstRenderAt = performance.now();
  const longAfterFirst: number[] = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.startTime >= firstRenderAt) longAfterFirst.push(e.duration);
    }).observe({ type: "longtask" });
  } catch {
    /* longtask not supported */
  }
  // frames rendered while the layout runs in the worker (the page must stay responsive)
  let layoutFrames = 0;
  let running = true;
  void (async () => {
    while (running) {
      await frame();
      layoutFrames++;
    }
  })();
  phase("layout");
  const layout = await layoutDone;
  phase("after layout (fit)");
  running = false;
  const rendersDuringLayout = renders;
  const layoutWallMs = performance.now() - t1;
  app.view.fit();
  await new Promise((r) => setTimeout(r, 500));
  // ?only=layout: stop here (the browser tests look at what the layout drew)
  if (params.get("only") === "layout") {
    const result = { nodes: app.view.graph.order, edges: app.view.graph.size, layoutConverged: layout.converged, layoutIterations: layout.iterations, syncMs: Math.round(syncMs), turnsDuringBuild };
    (window as unknown as { __benchResult: unknown }).__benchResult = result;
    return;
  }
  // scripted panning and zooming: count animation frames
  const cam = app.view.sigma.getCamera();
  const duration = Number(params.get("panMs")) || 4000;
  // 1) as a user's drag: the camera is animated, so sigma may skip edges while moving (hideEdgesOnMove on big graphs)
  const pan = async (animated: boolean, zoom = false) => {
    const start = performance.now();
    let frames = 0;
    let worst = 0;
    let prev = start;
    const target = (t: number, i: number) =>
      zoom
        ? { x: 0.5, y: 0.5, ratio: 0.25 + 0.7 * (0.5 + 0.5 * Math.sin(t * 2 + i)) }
        : { x: 0.5 + 0.25 * Math.sin(t * 1.3 + i), y: 0.5 + 0.25 * Math.cos(t + i), ratio: 0.6 + 0.3 * Math.sin(t * 0.7) };
    // animated: one camera animation after another, chained from the end of
    // the last, so the camera never rests (as during a drag)
    let stop = false;
    let i = 0;
    const next = () => {
      if (stop) return;
      i++;
      cam.animate(target((performance.now() - start) / 1000, i), { duration: 400 }, next);
    };
    if (animated) next();
    while (performance.now() - start < duration) {
      if (!animated) cam.setState(target((performance.now() - start) / 1000, 0));
      const now = await frame();
      worst = Math.max(worst, now - prev);
      prev = now;
      frames++;
    }
    stop = true;
    const ms = performance.now() - start;
    // let the last animation end
    await new Promise((r) => setTimeout(r, 500));
    return { fps: Math.round((frames / ms) * 1000 * 10) / 10, worst: Math.round(worst) };
  };

  phase("frame cost");
  const cost = await frameCost(app);
  phase("pan (animated)");
  const moving = await pan(true);
  phase("pan (all edges)");
  // 2) every frame drawn with all edges
  const still = await pan(false);
  // 3) zooming in and out (animated, as a wheel does; then every frame with all edges)
  phase("zoom (animated)");
  const zoomMoving = await pan(true, true);
  phase("zoom (all edges)");
  const zoomStill = await pan(false, true);
  phase("hover");
  // 4) hover: a mouse move over a node until the highlighted frame is drawn
  cam.setState({ x: 0.5, y: 0.5, ratio: 0.5, angle: 0 });
  await new Promise((r) => setTimeout(r, 300));
  const hover = await hoverLatency(app);
  const result = {
    source: "generated in-page (src/bench.ts synthetic, clustered, seed 42)",
    nodes: app.view.graph.order,
    edges: app.view.graph.size,
    generateMs: Math.round(genMs),
    syncMs: Math.round(syncMs),
    turnsDuringBuild,
    firstFrameMs: Math.round(firstFrameMs),
    layoutMs: Math.round(layout.ms),
    layoutWallMs: Math.round(layoutWallMs),
    layoutConverged: layout.converged,
    layoutFinalMovement: Math.round(layout.movement * 1e5) / 1e5,
    layoutIterations: layout.iterations,
    rendersDuringLayout,
    fpsDuringLayout: Math.round((layoutFrames / layoutWallMs) * 1000 * 10) / 10,
    panFps: moving.fps,
    panWorstFrameMs: moving.worst,
    panFpsAllEdgesDrawn: still.fps,
    panAllEdgesWorstFrameMs: still.worst,
    zoomFps: zoomMoving.fps,
    zoomFpsAllEdgesDrawn: zoomStill.fps,
    zoomAllEdgesWorstFrameMs: zoomStill.worst,
    hoverMs: hover,
    frameRenderMs: cost.renderMs,
    frameGpuWaitMs: cost.gpuWaitMs,
    longTasks: longtasks.length,
    longestTaskMs: Math.round(Math.max(0, ...longtasks)),
    longestTaskByPhase: worstByPhase,
    // tasks that ended between the commit and the first frame (the one-task build starts a moment before t1)
    longestTaskBuildingMs: worst(spans.filter((x) => x.end > t1 && x.end < firstRenderStart).map((x) => x.end - x.start)),
    firstRenderTaskMs: worst(spans.filter((x) => x.start <= firstRenderStart && x.end >= firstRenderStart).map((x) => x.end - x.start)),
    longestTaskAfterFirstRenderMs: worst(longAfterFirst),
    tasksOver200msAfterFirstRender: longAfterFirst.filter((d) => d > 200).length,
    processCount: processMs.length,
    longestProcessMs: worst(processMs),
    longestRenderMs: worst(renderMs),
    jsHeapUsedMB: (() => {
      const m = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      return m ? Math.round(m.usedJSHeapSize / 1048576) : null;
    })(),
  };
  (window as unknown as { __benchResult: unknown }).__benchResult = result;
  document.dispatchEvent(new CustomEvent("nexus:bench", { detail: result }));
}
