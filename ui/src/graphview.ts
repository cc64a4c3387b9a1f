// Graph rendering: a graphology graph mirrored from the view state, drawn by
// sigma (WebGL), laid out by ForceAtlas2 in a web worker.
import Graph from "graphology";
import Sigma from "sigma";
import { inferSettings } from "graphology-layout-forceatlas2";
import EdgeCurveProgram, { DEFAULT_EDGE_CURVATURE, EdgeCurvedArrowProgram, indexParallelEdgesIndex } from "@sigma/edge-curve";
import { EdgeArrowProgram, EdgeLineProgram, EdgeRectangleProgram, NodeCircleProgram, NodePointProgram } from "sigma/rendering";
import type { Edge, Node } from "./types";
import { entityColor, relationColor } from "./colors";
import { displayName, placeNear } from "./state";
import { LABEL_GAP, labelBox, placeLabels, type Disc, type LabelCandidate, type PlacedLabel } from "./labels";
import { bundleParallel, pairKey, type Bundle } from "./parallel";
import type { LayoutMessage, LayoutRequest } from "./layoutproto";
import { LayoutPreview } from "./layoutpreview";

/** graphology-layout-forceatlas2's defaults (defaults.js), which the worker's iterate() expects complete. */
const FA2_DEFAULTS = {
  linLogMode: false,
  outboundAttractionDistribution: false,
  adjustSizes: false,
  edgeWeightInfluence: 1,
  scalingRatio: 1,
  strongGravityMode: false,
  gravity: 1,
  slowDown: 1,
  barnesHutOptimize: false,
  barnesHutTheta: 0.5,
};

export interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  entityType: string;
  fixed?: boolean;
  [k: string]: unknown;
}

export interface EdgeAttrs {
  size: number;
  color: string;
  type: string;
  relType: string;
  confidence: number;
  [k: string]: unknown;
}

export interface GraphViewEvents {
  clickNode(id: string, e: MouseEvent): void;
  rightClickNode(id: string, e: MouseEvent): void;
  doubleClickNode(id: string): void;
  clickEdge(id: string): void;
  /** The pointer entered an edge (id, viewport position) or left it (null). */
  hoverEdge(id: string | null, at?: { x: number; y: number }): void;
  clickStage(): void;
  /** A node was dragged to a new place (it is now pinned). */
  dragged(id: string): void;
  /** The layout stopped (converged, timed out or stopped by hand). */
  layoutStopped(info: { ms: number; converged: boolean; nodes: number; movement: number; iterations: number }): void;
}

export interface SyncOptions {
  /** Node whose neighbours were just added: new nodes start around it. */
  parent?: string;
  /** Pinned node ids (fixed during layout). */
  pinned: ReadonlySet<string>;
  /** Node ids with more neighbours than shown (their label says so). */
  truncated?: ReadonlySet<string>;
  /** Symmetric relation types (drawn without arrows). */
  symmetric: ReadonlySet<string>;
}

/**
 * Above this many drawn edges, straight edges use sigma's line program (one
 * GL line per edge, no arrow head, no antialiasing) instead of thick
 * antialiased quads: with software WebGL the quads cost seconds per frame.
 */
export const CHEAP_EDGES_ABOVE = 5000;

/** Above this many drawn nodes, nodes use the point program. */
export const CHEAP_NODES_ABOVE = 1000;

/**
 * Above this many drawn edges, edges are hidden while a layout of the whole
 * graph runs, and its progress is drawn as dots (LayoutPreview) instead of
 * moving sigma's nodes: each move re-indexes every edge.
 */
export const PREVIEW_LAYOUT_ABOVE = 20000;

/** At most this many relation labels (a path's, or a hovered node's). */
const MAX_EDGE_LABELS = 40;

/**
 * A sync adding more nodes and edges than this detaches sigma while it adds
 * them, and is built in slices (syncSliced) that leave the event loop free.
 */
const BULK_SYNC_ABOVE = 5000;

/** Main-thread time a slice of a bulk sync may take before it yields. */
const SYNC_SLICE_MS = 40;

/** Items handled between two looks at the clock in a sliced sync. */
const SYNC_CHECK_EVERY = 400;

/**
 * Sigma's private parts that a sliced sync drives itself: the graph
 * listeners it detaches, the per-item indexing it runs slice by slice, and
 * the render it holds back until the index is whole (a render between two
 * slices would process a graph whose new items sigma has not indexed yet).
 */
interface SigmaInternals {
  unbindGraphHandlers(): void;
  bindGraphHandlers(): void;
  addNode(key: string): void;
  addEdge(key: string): void;
  removeNode(key: string): void;
  removeEdge(key: string): void;
  render(): unknown;
  renderFrame: number | null;
}

/** Lets the browser run other tasks (input, frames, timers) before going on. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  });
}

/** On big graphs, how long the pointer rests on a node before its neighbourhood is highlighted. */
const HOVER_DWELL_MS = 250;

const EDGE_PROGRAMS = {
  arrow: EdgeArrowProgram,
  line: EdgeRectangleProgram,
  curvedArrow: EdgeCurvedArrowProgram,
  curvedLine: EdgeCurveProgram,
};
const CHEAP_EDGE_PROGRAMS = { ...EDGE_PROGRAMS, arrow: EdgeLineProgram, line: EdgeLineProgram };
/** Nodes as GL points on big graphs: one vertex each instead of an instanced triangle. */
const NODE_PROGRAMS = { circle: NodeCircleProgram };
const CHEAP_NODE_PROGRAMS = { circle: NodePointProgram };

const COMMUNITY_COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#17becf"];
const DIM_LIGHT = "#e4e4e7";
const DIM_DARK = "#2f3138";
/** A bundle of parallel edges of several types. */
const BUNDLE_COLOR = "#6b7280";

/** Draws the label box of a hovered or highlighted node in the theme's colours. */
function drawHover(
  ctx: CanvasRenderingContext2D,
  data: { x: number; y: number; size: number; label?: string | null; color: string },
  settings: { labelSize: number; labelFont: string; labelWeight: string },
  dark: boolean,
): void {
  const size = settings.labelSize;
  ctx.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
  const label = data.label ?? "";
  const w = label ? ctx.measureText(label).width + 8 : 0;
  const hgt = size + 6;
  // on the left of the node when the right would leave the canvas
  const box = labelBox(data, w, size, ctx.canvas.width / (window.devicePixelRatio || 1));
  ctx.fillStyle = dark ? "#1f2430" : "#ffffff";
  ctx.shadowColor = dark ? "#000" : "#888";
  ctx.shadowBlur = 6;
  ctx.beginPath();
  ctx.arc(data.x, data.y, data.size + 3, 0, Math.PI * 2);
  if (label) ctx.rect(box.left ? box.x0 + 1 : data.x + data.size + 2, data.y - hgt / 2, w, hgt);
  ctx.fill();
  ctx.shadowBlur = 0;
  ctx.fillStyle = data.color;
  ctx.beginPath();
  ctx.arc(data.x, data.y, data.size, 0, Math.PI * 2);
  ctx.fill();
  if (label) {
    ctx.fillStyle = dark ? "#e5e7eb" : "#111827";
    ctx.fillText(label, box.left ? box.x0 + 5 : data.x + data.size + 6, data.y + size / 3);
  }
}

/** Draws and lays out the visible part of the view. */
export class GraphView {
  readonly graph = new Graph<NodeAttrs, EdgeAttrs>({ multi: true, type: "directed", allowSelfLoops: true });
  readonly sigma: Sigma<NodeAttrs, EdgeAttrs>;
  private worker: Worker | null = null;
  /** Generation of the current layout run (the worker's messages carry it). */
  private layoutGen = 0;
  private layoutRunning = false;
  private layoutStart = 0;
  /** Each node's index in the worker's matrices, while a layout runs. */
  private layoutIndex: Map<string, number> | null = null;
  /** Latest positions from the worker not yet copied to the drawn graph. */
  private layoutXY: Float32Array | null = null;
  private positions = new Map<string, { x: number; y: number }>();
  private focus: { nodes: Set<string>; edges: Set<string> } | null = null;
  private hovered: string | null = null;
  private hoverNeighbours = new Set<string>();
  private hoverEdges = new Set<string>();
  private hoverTimer: ReturnType<typeof setTimeout> | undefined;
  readonly selected = new Set<string>();
  private dark = false;
  /** Community of each node when colouring by community (Louvain), else null. */
  private communities: Map<string, number> | null = null;
  private dragging: string | null = null;
  private dragMoved = false;
  private copyFrame = 0;
  /** Running estimate of what drawing a frame costs (ms), to pace layout updates. */
  private frameCost = 16;
  /** Worker iterations of the current or last layout run. */
  private iterations = 0;
  /** Run once when the current layout stops (a deferred fit). */
  private afterLayout: (() => void) | null = null;
  /** Median movement per tick at the last check (fraction of the graph's extent). */
  private lastMovement = 1;
  /** Labels sigma would draw this frame; placed and drawn after the frame. */
  private labelCands: LabelCandidate[] = [];
  /** Labels drawn in the last frame, with their boxes (viewport pixels). */
  placedLabels: PlacedLabel[] = [];
  /** Camera fits applied so far (tests wait for the one they caused). */
  fits = 0;
  /** Pairs whose parallel edges the analyst expanded (pairKey). */
  private expandedPairs = new Set<string>();
  /** Bundles drawn now, by drawn edge id. */
  private bundles = new Map<string, Bundle>();
  /** The last sync's input, to redraw when bundles open or close. */
  private lastSync: { nodes: Node[]; edges: Edge[]; opts: SyncOptions } | null = null;
  private readonly preview: LayoutPreview;
  /** The sliced sync under way, if any (a newer sync ends it). */
  private building: Generator<void, { added: string[]; removed: number }, void> | null = null;

  constructor(container: HTMLElement, private readonly on: GraphViewEvents) {
    this.sigma = new Sigma(this.graph, container, {
      // relation labels are drawn by the label layer (edgeLabels), placed with the node labels
      renderEdgeLabels: false,
      enableEdgeEvents: true,
      defaultEdgeType: "arrow",
      edgeProgramClasses: EDGE_PROGRAMS as never, // the programs are typed for plain attributes
      nodeProgramClasses: NODE_PROGRAMS as never,

      labelRenderedSizeThreshold: 7,
      labelDensity: 0.5,
      labelGridCellSize: 90,
      labelFont: "system-ui, sans-serif",
      edgeLabelFont: "system-ui, sans-serif",
      edgeLabelSize: 11,
      zIndex: true,
      hideEdgesOnMove: false,
      minCameraRatio: 0.02,
      maxCameraRatio: 20,
      stagePadding: 40,
      nodeReducer: (id, d) => this.reduceNode(id, d),
      edgeReducer: (id, d) => this.reduceEdge(id, d),
      // sigma picks the labels; they are placed apart and drawn after the frame
      defaultDrawNodeLabel: (_ctx, data) => this.collectLabel(data as typeof data & { key: string }),
    });
    this.preview = new LayoutPreview(container);
    this.sigma.on("beforeRender", () => (this.labelCands = []));
    this.sigma.on("afterRender", () => this.drawLabels());
    this.bindEvents();
    // The container changes size when panels open and close. Resizing the
    // canvases clears them, so the resize must come with a redraw: sigma's
    // render resizes first, then draws (a bare resize() left the graph blank).
    new ResizeObserver(() => this.sigma.scheduleRefresh()).observe(container);
  }

  private collectLabel(d: { key: string; label?: string | null; x: number; y: number; size: number; forceLabel?: boolean; highlighted?: boolean }): void {
    if (!d.label) return;
    const priority = (d.forceLabel ? 2000 : 0) + (d.highlighted ? 1000 : 0) + d.size;
    this.labelCands.push({ key: d.key, label: d.label, x: d.x, y: d.y, size: d.size, priority });
  }

  /** Draws the frame's labels so that none overlaps another or leaves the canvas. */
  private drawLabels(): void {
    const canvas = this.sigma.getCanvases().labels;
    const ctx = canvas?.getContext("2d");
    if (!ctx) return;
    const s = this.sigma.getSettings();
    const fontSize = s.labelSize;
    ctx.font = `${s.labelWeight} ${fontSize}px ${s.labelFont}`;
    ctx.fillStyle = s.labelColor.color ?? "#000";
    const { width, height } = this.sigma.getDimensions();
    const cands = this.labelCands.concat(this.bundleBadges(), this.edgeLabels());
    const placed = placeLabels(cands, (t) => ctx.measureText(t).width, fontSize, width, height, this.discs());
    const dark = this.dark;
    for (const p of placed) {
      if (p.centred) {
        // a bundle's count: a small box on the edge
        const edgeColor = this.graph.hasEdge(p.key) ? this.graph.getEdgeAttribute(p.key, "color") : BUNDLE_COLOR;
        ctx.fillStyle = dark ? "#1a1e26" : "#ffffff";
        ctx.strokeStyle = edgeColor;
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.roundRect(p.x0, p.y0 - 1, p.x1 - p.x0, p.y1 - p.y0 + 2, 6);
        ctx.fill();
        ctx.stroke();
        ctx.fillStyle = s.labelColor.color ?? "#000";
        ctx.fillText(p.label, p.x0 + LABEL_GAP, (p.y0 + p.y1) / 2 + fontSize / 3);
      } else ctx.fillText(p.label, p.x0, (p.y0 + p.y1) / 2 + fontSize / 3);
    }
    this.placedLabels = placed;
    this.labelCands = [];
  }

  /**
   * The drawn nodes' discs in viewport pixels, which labels must leave
   * uncovered. Not on big views: a frame there would look up every node.
   */
  private discs(): Disc[] {
    if (this.graph.order > CHEAP_NODES_ABOVE) return [];
    const out: Disc[] = [];
    this.graph.forEachNode((id) => {
      const d = this.sigma.getNodeDisplayData(id);
      if (!d || d.hidden) return;
      const p = this.sigma.framedGraphToViewport(d);
      out.push({ key: id, x: p.x, y: p.y, r: this.sigma.scaleSize(d.size) });
    });
    return out;
  }

  /**
   * A badge's centre on the edge p–q and its fallbacks further along it. A
   * curved edge (curvature k) is edge-curve's quadratic Bézier, whose control
   * point is the chord's middle moved by k·(dy, −dx) in viewport pixels.
   */
  private static onEdge(p: { x: number; y: number }, q: { x: number; y: number }, k = 0): { x: number; y: number; alts: { x: number; y: number }[] } {
    const c = { x: (p.x + q.x) / 2 + k * (q.y - p.y), y: (p.y + q.y) / 2 - k * (q.x - p.x) };
    const at = (t: number) => ({
      x: (1 - t) * (1 - t) * p.x + 2 * (1 - t) * t * c.x + t * t * q.x,
      y: (1 - t) * (1 - t) * p.y + 2 * (1 - t) * t * c.y + t * t * q.y,
    });
    return { ...at(0.5), alts: [at(0.35), at(0.65), at(0.25), at(0.75)] };
  }

  /**
   * Relation labels, a path's or the hovered node's, drawn by the label
   * layer as boxes on their edges, placed with the node labels so that none
   * covers another (sigma's own edge labels, along the edges, were placed
   * without regard to the rest, and finding them walks every edge each
   * frame). Bundles have their count badge; parallel edges drawn apart
   * (curved) have theirs on their own curve.
   */
  private edgeLabels(): LabelCandidate[] {
    const ids = this.focus ? this.focus.edges : this.hovered ? this.hoverEdges : null;
    if (!ids) return [];
    const big = this.graph.size > CHEAP_EDGES_ABOVE;
    const out: LabelCandidate[] = [];
    for (const id of ids) {
      if (out.length >= MAX_EDGE_LABELS || !this.graph.hasEdge(id)) continue;
      const bundle = this.bundles.get(id);
      if (!big && bundle) continue;
      const [s, t] = this.graph.extremities(id);
      const a = this.sigma.getNodeDisplayData(s);
      const z = this.sigma.getNodeDisplayData(t);
      if (!a || !z || a.hidden || z.hidden) continue;
      const label = bundle ? `×${bundle.members.length}` : this.graph.getEdgeAttribute(id, "relType");
      const k = Number(this.graph.getEdgeAttribute(id, "curvature") ?? 0);
      out.push({ key: id, label, size: 0, priority: 1400, centred: true, ...GraphView.onEdge(this.sigma.framedGraphToViewport(a), this.sigma.framedGraphToViewport(z), k) });
    }
    return out;
  }

  /** Count badges at the middle of drawn bundles (not on big views, nor dimmed ones). */
  private bundleBadges(): LabelCandidate[] {
    if (!this.bundles.size || this.graph.size > CHEAP_EDGES_ABOVE || this.focus) return [];
    const out: LabelCandidate[] = [];
    for (const [id, b] of this.bundles) {
      if (!this.graph.hasEdge(id)) continue;
      if (this.hovered && !this.hoverEdges.has(id)) continue;
      const a = this.sigma.getNodeDisplayData(b.source);
      const z = this.sigma.getNodeDisplayData(b.target);
      if (!a || !z || a.hidden || z.hidden) continue;
      out.push({ key: id, label: `×${b.members.length}`, size: 0, priority: 1500, centred: true, ...GraphView.onEdge(this.sigma.framedGraphToViewport(a), this.sigma.framedGraphToViewport(z)) });
    }
    return out;
  }

  private bindEvents(): void {
    const s = this.sigma;
    s.on("clickNode", ({ node, event }) => {
      if (this.dragMoved) return;
      this.on.clickNode(node, event.original as MouseEvent);
    });
    s.on("rightClickNode", ({ node, event }) => {
      (event.original as MouseEvent).preventDefault();
      this.on.rightClickNode(node, event.original as MouseEvent);
    });
    s.on("doubleClickNode", ({ node, preventSigmaDefault }) => {
      preventSigmaDefault();
      this.on.doubleClickNode(node);
    });
    s.on("clickEdge", ({ edge }) => this.on.clickEdge(edge));
    s.on("enterEdge", ({ edge, event }) => this.on.hoverEdge(edge, { x: event.x, y: event.y }));
    s.on("leaveEdge", () => this.on.hoverEdge(null));
    s.on("clickStage", () => this.on.clickStage());
    s.on("enterNode", ({ node }) => this.setHovered(node));
    s.on("leaveNode", () => this.setHovered(null));
    s.on("enterEdge", () => (s.getContainer().style.cursor = "pointer"));
    s.on("leaveEdge", () => (s.getContainer().style.cursor = ""));
    // Dragging a node moves and pins it.
    s.on("downNode", ({ node, event }) => {
      if ((event.original as MouseEvent).button !== 0) return;
      this.dragging = node;
      this.dragMoved = false;
      // freeze the frame so the graph does not re-centre under the cursor
      if (!s.getCustomBBox()) s.setCustomBBox(s.getBBox());
    });
    s.on("moveBody", ({ event, preventSigmaDefault }) => {
      if (!this.dragging) return;
      const p = s.viewportToGraph(event);
      this.graph.mergeNodeAttributes(this.dragging, { x: p.x, y: p.y, fixed: true });
      this.dragMoved = true;
      preventSigmaDefault();
      event.preventSigmaDefault();
      (event.original as Event).preventDefault();
      (event.original as Event).stopPropagation();
    });
    const up = () => {
      const id = this.dragging;
      this.dragging = null;
      if (id && this.dragMoved) {
        this.remember();
        this.on.dragged(id);
        setTimeout(() => (this.dragMoved = false), 0);
        if (this.layoutRunning) this.startLayout();
      }
    };
    s.on("upNode", up);
    s.on("upStage", up);
  }

  private setHovered(id: string | null): void {
    this.sigma.getContainer().style.cursor = id ? "pointer" : "";
    clearTimeout(this.hoverTimer);
    const big = this.graph.size > CHEAP_EDGES_ABOVE;
    const apply = () => {
      const before = { nodes: [this.hovered ?? "", ...this.hoverNeighbours], edges: [...this.hoverEdges] };
      this.hovered = id;
      this.hoverNeighbours = id && this.graph.hasNode(id) ? new Set(this.graph.neighbors(id)) : new Set();
      this.hoverEdges = id && this.graph.hasNode(id) ? new Set(this.graph.edges(id)) : new Set();
      if (!big || this.focus) {
        this.sigma.refresh({ skipIndexation: true, schedule: big });
        return;
      }
      // On big graphs the rest is not dimmed (that restyles every node and
      // edge: most of a second without a GPU); only the neighbourhood that
      // was and the one that is are restyled, in place.
      const g = this.graph;
      const nodes = [...new Set([...before.nodes, id ?? "", ...this.hoverNeighbours])].filter((n) => g.hasNode(n));
      const edges = [...new Set([...before.edges, ...this.hoverEdges])].filter((e) => g.hasEdge(e));
      this.sigma.refresh({ partialGraph: { nodes, edges }, skipIndexation: true, schedule: true });
    };
    // On big graphs a restyle redraws every edge (slow without a GPU): sigma
    // shows the hovered node at once on its hover layer, and the neighbourhood
    // is highlighted only once the pointer rests.
    if (big && (id || this.hovered)) this.hoverTimer = setTimeout(apply, id ? HOVER_DWELL_MS : 0);
    else apply();
  }

  private reduceNode(id: string, d: NodeAttrs): Partial<NodeAttrs> & Record<string, unknown> {
    const out: Record<string, unknown> = { ...d };
    if (this.communities) {
      const c = this.communities.get(id);
      if (c !== undefined) out.color = COMMUNITY_COLORS[c % COMMUNITY_COLORS.length];
    }
    const sel = this.selected.has(id);
    if (sel) {
      out.highlighted = true;
      out.size = d.size * 1.4;
      out.zIndex = 2;
    }
    if (this.focus) {
      if (this.focus.nodes.has(id)) {
        out.zIndex = 2;
        out.forceLabel = true;
        out.highlighted = true;
      } else if (!sel) {
        out.color = this.dark ? DIM_DARK : DIM_LIGHT;
        out.label = "";
        out.zIndex = 0;
        out.size = d.size * 0.6;
      }
    } else if (this.hovered) {
      if (id === this.hovered || this.hoverNeighbours.has(id)) {
        out.forceLabel = true;
        out.zIndex = 1;
      } else if (!sel && this.graph.size <= CHEAP_EDGES_ABOVE) {
        out.color = this.dark ? DIM_DARK : DIM_LIGHT;
        out.label = "";
      }
    }
    return out as Partial<NodeAttrs>;
  }

  private reduceEdge(id: string, d: EdgeAttrs): Partial<EdgeAttrs> & Record<string, unknown> {
    // relation labels and bundle counts are drawn by the label layer (drawLabels)
    const out: Record<string, unknown> = { ...d, label: "" };
    if (this.layoutRunning && this.graph.size > PREVIEW_LAYOUT_ABOVE) {
      out.hidden = true;
      return out as Partial<EdgeAttrs>;
    }
    if (this.focus) {
      if (this.focus.edges.has(id)) {
        out.size = Math.max(3, d.size * 2);
        out.zIndex = 2;
      } else {
        out.color = this.dark ? DIM_DARK : DIM_LIGHT;
        out.zIndex = 0;
      }
    } else if (this.hovered) {
      if (this.hoverEdges.has(id)) {
        out.zIndex = 1;
        // on big graphs the rest is not dimmed: the neighbourhood's edges stand out by width
        if (this.graph.size > CHEAP_EDGES_ABOVE) out.size = Math.max(2, d.size * 2.5);
      } else if (this.graph.size <= CHEAP_EDGES_ABOVE) {
        out.hidden = this.graph.size > 2000;
        out.color = this.dark ? DIM_DARK : DIM_LIGHT;
      }
    }
    return out as Partial<EdgeAttrs>;
  }

  setDark(dark: boolean): void {
    this.dark = dark;
    this.sigma.setSettings({
      labelColor: { color: dark ? "#e5e7eb" : "#111827" },
      edgeLabelColor: { color: dark ? "#cbd5e1" : "#374151" },
      defaultDrawNodeHover: (ctx, data, settings) => drawHover(ctx, data, settings, dark),
    });
    this.sigma.refresh({ skipIndexation: true });
  }

  /** Highlights a set of nodes and edges (a path) and dims the rest; null clears. */
  setFocus(f: { nodes: Set<string>; edges: Set<string> } | null): void {
    const before = this.focus;
    this.focus = f;
    // a path through a bundle opens it; closing the path closes it again
    const touches = (x: typeof f) => !!x && [...this.bundles.values()].some((b) => b.members.some((e) => x.edges.has(e.id)));
    if ((touches(f) || (before && before.edges.size)) && this.lastSync) this.resync();
    this.sigma.refresh({ skipIndexation: true });
  }

  private resync(): void {
    if (!this.lastSync) return;
    const { nodes, edges, opts } = this.lastSync;
    this.sync(nodes, edges, opts);
  }

  /** The bundle drawn as this edge, if it is one. */
  bundle(id: string): Bundle | undefined {
    return this.bundles.get(id);
  }

  /** Draws a pair's parallel edges one by one (open) or as one bundle again. */
  setPairOpen(a: string, b: string, open: boolean): void {
    const k = pairKey(a, b);
    if (open === this.expandedPairs.has(k)) return;
    if (open) this.expandedPairs.add(k);
    else this.expandedPairs.delete(k);
    this.resync();
  }

  isPairOpen(a: string, b: string): boolean {
    return this.expandedPairs.has(pairKey(a, b));
  }

  /** Ids of the relations drawn, bundles counted by their members. */
  relationIds(): string[] {
    const out: string[] = [];
    this.graph.forEachEdge((id) => {
      const b = this.bundles.get(id);
      if (b) for (const e of b.members) out.push(e.id);
      else out.push(id);
    });
    return out;
  }

  getFocus(): { nodes: Set<string>; edges: Set<string> } | null {
    return this.focus;
  }

  refreshStyles(): void {
    this.sigma.refresh({ skipIndexation: true });
  }

  /**
   * Colours nodes by Louvain community (on) or by entity type (off).
   * Returns the number of communities found.
   */
  async colorByCommunity(on: boolean): Promise<number> {
    if (!on || this.graph.order === 0) {
      this.communities = null;
      this.sigma.refresh({ skipIndexation: true });
      return 0;
    }
    const { default: louvain } = await import("graphology-communities-louvain");
    const parts = louvain(this.graph, { getEdgeWeight: "confidence", resolution: 1 });
    // number communities by size, largest first, so colours are stable
    const sizes = new Map<number, number>();
    for (const c of Object.values(parts)) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    const rank = new Map([...sizes.entries()].sort((a, b) => b[1] - a[1]).map(([c], i) => [c, i]));
    this.communities = new Map(Object.entries(parts).map(([id, c]) => [id, rank.get(c)!]));
    this.sigma.refresh({ skipIndexation: true });
    return sizes.size;
  }

  isCommunityColoring(): boolean {
    return this.communities !== null;
  }

  /** Remembers where nodes are, so that hidden and re-shown nodes come back in place. */
  remember(): void {
    this.graph.forEachNode((id, a) => this.positions.set(id, { x: a.x, y: a.y }));
  }

  /** Current positions of all drawn nodes (for saved views). */
  getPositions(): Record<string, [number, number]> {
    const out: Record<string, [number, number]> = {};
    this.graph.forEachNode((id, a) => (out[id] = [Math.round(a.x * 1000) / 1000, Math.round(a.y * 1000) / 1000]));
    return out;
  }

  /** Sets known positions (saved view); nodes drawn later start there. */
  setPositions(pos: Record<string, [number, number]>): void {
    for (const [id, [x, y]] of Object.entries(pos)) {
      this.positions.set(id, { x, y });
      if (this.graph.hasNode(id)) this.graph.mergeNodeAttributes(id, { x, y });
    }
  }

  /**
   * Mirrors the visible nodes and edges into the drawn graph. Returns the
   * number of nodes added (which the caller may lay out).
   */
  sync(nodes: Node[], edges: Edge[], opts: SyncOptions): { added: string[]; removed: number } {
    this.endBuilding();
    const run = this.syncSteps(nodes, edges, opts, false);
    for (;;) {
      const r = run.next();
      if (r.done) return r.value;
    }
  }

  /** Whether syncing this view adds (or drops) so much that it is done in slices (syncSliced). */
  isBulk(nodes: Node[], edges: Edge[]): boolean {
    return Math.abs(nodes.length + edges.length - this.graph.order - this.graph.size) > BULK_SYNC_ABOVE;
  }

  /**
   * sync, in slices of at most SYNC_SLICE_MS of main thread with the event
   * loop free between them (at 10k nodes / 50k edges the build was one task
   * of 2-4 s on this box). Nothing new is drawn until the whole view is
   * built. Resolves to null when a newer sync took over.
   */
  async syncSliced(nodes: Node[], edges: Edge[], opts: SyncOptions): Promise<{ added: string[]; removed: number } | null> {
    this.endBuilding();
    const run = this.syncSteps(nodes, edges, opts, true);
    this.building = run;
    // what the caller did to get here (a merge of the new items) is a task of its own
    await yieldToEventLoop();
    let deadline = performance.now() + SYNC_SLICE_MS;
    for (;;) {
      if (this.building !== run) return null;
      const r = run.next();
      if (r.done) {
        this.building = null;
        return r.value;
      }
      if (performance.now() >= deadline) {
        await yieldToEventLoop();
        deadline = performance.now() + SYNC_SLICE_MS;
      }
    }
  }

  /** Ends a sliced sync under way: what it added stays, sigma re-indexes it whole. */
  private endBuilding(): void {
    const run = this.building;
    this.building = null;
    run?.return({ added: [], removed: 0 });
  }

  private *syncSteps(nodes: Node[], edges: Edge[], opts: SyncOptions, sliced: boolean): Generator<void, { added: string[]; removed: number }, void> {
    this.lastSync = { nodes, edges, opts };
    const g = this.graph;
    this.remember();
    const want = new Set(nodes.map((n) => n.id));
    const s = this.sigma as unknown as SigmaInternals;
    const drop = g.nodes().filter((id) => !want.has(id));
    let removed = 0;
    if (drop.length) {
      // Sigma answers each dropped node and edge with a full re-index of the
      // graph: clearing 2,000 nodes and 8,000 edges took 32 s. Detached, the
      // dropped items leave sigma's index one by one and it draws once.
      s.unbindGraphHandlers();
      try {
        for (const id of drop) {
          for (const e of g.edges(id)) s.removeEdge(e);
          s.removeNode(id);
          g.dropNode(id);
          removed++;
          if (sliced && removed % SYNC_CHECK_EVERY === 0) yield;
        }
      } finally {
        s.bindGraphHandlers();
        this.sigma.refresh({ partialGraph: { nodes: [], edges: [] }, schedule: true });
      }
    }
    // Many additions at once: sigma's per-item listeners would apply the
    // reducers twice to each new node and edge and queue a refresh for each;
    // one full re-index afterwards does the same work once. A sliced sync
    // indexes each item as it adds it, and holds sigma's renders back.
    if (nodes.length + edges.length - g.order - g.size <= BULK_SYNC_ABOVE) return yield* this.syncItems(nodes, edges, opts, removed, null);
    s.unbindGraphHandlers();
    if (sliced)
      s.render = function (this: SigmaInternals) {
        if (this.renderFrame) cancelAnimationFrame(this.renderFrame);
        this.renderFrame = null;
        return this;
      };
    let whole = false;
    try {
      const r = yield* this.syncItems(nodes, edges, opts, removed, sliced ? s : null);
      whole = true;
      return r;
    } finally {
      // the prototype's render again
      if (sliced) delete (s as Partial<SigmaInternals>).render;
      s.bindGraphHandlers();
      // every item indexed: process and draw at the next frame; else re-index all
      if (sliced && whole) this.sigma.refresh({ partialGraph: { nodes: [], edges: [] }, schedule: true });
      else this.sigma.refresh({ schedule: true });
    }
  }

  /**
   * Adds, updates and drops the graph's items. With `index` (a sliced
   * sync, sigma detached), each item goes into sigma's index as it is
   * written, and the work yields every SYNC_CHECK_EVERY items.
   */
  private *syncItems(nodes: Node[], edges: Edge[], opts: SyncOptions, removed: number, index: SigmaInternals | null): Generator<void, { added: string[]; removed: number }, void> {
    const g = this.graph;
    let work = 0;
    const tick = () => index !== null && ++work % SYNC_CHECK_EVERY === 0;
    const wantN = new Set(nodes.map((n) => n.id));
    const { single: drawn, bundles } = bundleParallel(
      edges.filter((e) => wantN.has(e.source) && wantN.has(e.target)),
      this.expandedPairs,
      this.focus?.edges,
    );
    this.bundles = new Map(bundles.map((b) => [b.id, b]));
    const wantE = new Set([...drawn.map((e) => e.id), ...this.bundles.keys()]);
    if (index) yield;
    for (const id of g.edges()) {
      if (wantE.has(id)) continue;
      g.dropEdge(id);
      index?.removeEdge(id);
      if (tick()) yield;
    }
    // Settings for the graph's size go in before the additions: changing
    // programs re-indexes everything drawn, so it is done while that is least.
    this.applySizeSettings(nodes.length, wantE.size);
    // degree in the view, for sizing nodes without a known degree
    const localDeg = new Map<string, number>();
    for (const e of edges) {
      localDeg.set(e.source, (localDeg.get(e.source) ?? 0) + 1);
      localDeg.set(e.target, (localDeg.get(e.target) ?? 0) + 1);
    }
    // Dense views get smaller discs: they overlap less, and without a GPU
    // filling the discs' pixels is most of what a frame costs.
    const nodeScale = nodes.length > 5000 ? 0.5 : nodes.length > 1500 ? 0.7 : 1;
    const fresh = nodes.filter((n) => !g.hasNode(n.id));
    const freshIds = new Set(fresh.map((n) => n.id));
    const added: string[] = [];
    const parentPos = opts.parent && g.hasNode(opts.parent) ? g.getNodeAttributes(opts.parent) : null;
    // Nodes without a known place start near an already drawn neighbour.
    const anchorOf = new Map<string, string>();
    for (const e of edges) {
      if (g.hasNode(e.source) && !g.hasNode(e.target)) anchorOf.set(e.target, e.source);
      if (g.hasNode(e.target) && !g.hasNode(e.source)) anchorOf.set(e.source, e.target);
    }
    const spread = Math.max(1, Math.sqrt(g.order + fresh.length) / 3);
    const edgeLen = this.typicalEdgeLength();
    const perAnchor = new Map<string, number>();
    if (index) yield;
    for (let i = 0; i < fresh.length; i++) {
      const n = fresh[i];
      let p = this.positions.get(n.id);
      if (!p) {
        const anchorId = opts.parent && parentPos ? opts.parent : anchorOf.get(n.id);
        const anchor = anchorId && g.hasNode(anchorId) ? g.getNodeAttributes(anchorId) : null;
        const k = anchorId ? (perAnchor.get(anchorId) ?? 0) : 0;
        if (anchorId) perAnchor.set(anchorId, k + 1);
        p = anchor
          ? placeNear(anchor, k, fresh.length, edgeLen)
          : g.order === 0 && i === 0
            ? { x: 0, y: 0 }
            : { x: (Math.random() - 0.5) * 10 * spread, y: (Math.random() - 0.5) * 10 * spread };
      }
      g.addNode(n.id, this.nodeAttrs(n, p, localDeg.get(n.id) ?? 0, opts.pinned.has(n.id), !!opts.truncated?.has(n.id), nodeScale));
      index?.addNode(n.id);
      added.push(n.id);
      if (tick()) yield;
    }
    for (const n of nodes) {
      if (!freshIds.has(n.id)) {
        const a = g.getNodeAttributes(n.id);
        const na = this.nodeAttrs(n, a, localDeg.get(n.id) ?? 0, opts.pinned.has(n.id), !!opts.truncated?.has(n.id), nodeScale);
        // each update is an event sigma handles: send only real changes
        if (a.size !== na.size || a.label !== na.label || a.color !== na.color || a.entityType !== na.entityType || !!a.fixed !== na.fixed) {
          g.mergeNodeAttributes(n.id, { size: na.size, label: na.label, color: na.color, entityType: na.entityType, fixed: na.fixed });
          index?.addNode(n.id);
        }
        if (tick()) yield;
      }
    }
    const thin = edges.length > 10000; // software renderers pay per pixel
    for (const b of bundles) {
      const single = b.types.length === 1 ? b.types[0][0] : null;
      const attrs: EdgeAttrs = {
        size: (thin ? 0.6 : 1.5) + (thin ? 1 : 2.5) * Math.max(0, Math.min(1, b.confidence)),
        color: single ? relationColor(single) : BUNDLE_COLOR,
        type: b.oneWay && !(single && opts.symmetric.has(single)) ? "arrow" : "line",
        relType: single ?? "",
        confidence: b.confidence,
        curvature: 0,
        bundle: `${b.members.length} relations`,
        members: b.members.length,
      };
      if (!g.hasEdge(b.id)) g.addDirectedEdgeWithKey(b.id, b.source, b.target, attrs);
      else g.replaceEdgeAttributes(b.id, attrs);
      index?.addEdge(b.id);
      if (tick()) yield;
    }
    if (index) yield;
    const bends = this.parallelCurvatures(drawn);
    if (index) yield;
    for (const e of drawn) {
      const straight = opts.symmetric.has(e.type) ? "line" : "arrow";
      const curv = bends.get(e.id) ?? 0;
      const attrs: EdgeAttrs = {
        size: (thin ? 0.4 : 1) + (thin ? 1 : 2.5) * Math.max(0, Math.min(1, e.confidence ?? 0.5)),
        color: relationColor(e.type),
        type: curv ? (straight === "line" ? "curvedLine" : "curvedArrow") : straight,
        relType: e.type,
        confidence: e.confidence,
        curvature: curv,
      };
      if (tick()) yield;
      if (!g.hasEdge(e.id)) {
        g.addDirectedEdgeWithKey(e.id, e.source, e.target, attrs);
        index?.addEdge(e.id);
        continue;
      }
      const a = g.getEdgeAttributes(e.id);
      if (a.size !== attrs.size || a.color !== attrs.color || a.type !== attrs.type || a.relType !== attrs.relType || a.confidence !== attrs.confidence || (a.curvature ?? 0) !== curv) {
        g.mergeEdgeAttributes(e.id, attrs);
        index?.addEdge(e.id);
      }
    }
    for (const id of [...this.selected]) if (!g.hasNode(id)) this.selected.delete(id);
    return { added, removed };
  }

  /** Sigma's settings for a graph of this many nodes and drawn edges, changed in one call (each change re-indexes). */
  private applySizeSettings(order: number, size: number): void {
    // small graphs show every label; large ones by zoom (size on screen) and density
    const small = order <= 150;
    const cheap = size > CHEAP_EDGES_ABOVE;
    const want: Record<string, unknown> = {
      labelRenderedSizeThreshold: small ? 0 : 7,
      labelDensity: small ? 3 : 0.5,
      // zIndex sorting costs a sort of every node and edge on each refresh
      zIndex: !cheap,
      edgeProgramClasses: cheap ? CHEAP_EDGE_PROGRAMS : EDGE_PROGRAMS,
      nodeProgramClasses: order > CHEAP_NODES_ABOVE ? CHEAP_NODE_PROGRAMS : NODE_PROGRAMS,
    };
    const s = this.sigma;
    const changed = Object.fromEntries(Object.entries(want).filter(([k, v]) => (s.getSetting(k as never) as unknown) !== v));
    if (Object.keys(changed).length) s.setSettings(changed as never);
  }

  /**
   * Curvature of edges that share their two ends, so that each stays visible
   * and clickable; edges absent from the result are drawn straight (the cheap
   * program). Only groups of parallel edges go through edge-curve's index.
   */
  private parallelCurvatures(edges: Edge[]): Map<string, number> {
    const keys = edges.map((e) => pairKey(e.source, e.target));
    const count = new Map<string, number>();
    for (const k of keys) count.set(k, (count.get(k) ?? 0) + 1);
    const multi = new Graph({ multi: true, type: "directed", allowSelfLoops: true });
    for (let i = 0; i < edges.length; i++) {
      const e = edges[i];
      if (count.get(keys[i])! < 2) continue;
      multi.mergeNode(e.source);
      multi.mergeNode(e.target);
      multi.addDirectedEdgeWithKey(e.id, e.source, e.target);
    }
    const out = new Map<string, number>();
    if (!multi.size) return out;
    indexParallelEdgesIndex(multi, { edgeIndexAttribute: "pIndex", edgeMinIndexAttribute: "pMin", edgeMaxIndexAttribute: "pMax" });
    const curvature = (index: number, max: number): number => {
      if (index < 0) return -curvature(-index, max);
      const amplitude = 3.5;
      const maxCurvature = amplitude * (1 - Math.exp(-max / amplitude)) * DEFAULT_EDGE_CURVATURE;
      return (maxCurvature * index) / Math.max(1, max);
    };
    multi.forEachEdge((id, a) => {
      const idx = a.pIndex as number | null | undefined;
      const max = a.pMax as number | null | undefined;
      if (typeof idx !== "number" || typeof max !== "number") return;
      if (idx !== 0 || (typeof a.pMin !== "number" && max > 0)) out.set(id, curvature(idx, max));
    });
    return out;
  }

  /** Median length of a sample of drawn edges (1 when there are none). */
  private typicalEdgeLength(): number {
    const g = this.graph;
    const lens: number[] = [];
    const step = Math.max(1, Math.floor(g.size / 300));
    let i = 0;
    g.forEachEdge((_e, _a, _s, _t, sa, ta) => {
      if (i++ % step === 0) lens.push(Math.hypot(sa.x - ta.x, sa.y - ta.y));
    });
    if (!lens.length) return 1;
    lens.sort((a, b) => a - b);
    return Math.max(1e-3, lens[Math.floor(lens.length / 2)]);
  }

  private nodeAttrs(n: Node, p: { x: number; y: number }, localDeg: number, pinned: boolean, truncated = false, scale = 1): NodeAttrs {
    const deg = Math.max(n.degree ?? 0, localDeg);
    return {
      x: p.x,
      y: p.y,
      size: scale * (4 + 2.2 * Math.log2(1 + deg)),
      color: entityColor(n.type),
      label: displayName(n) + (truncated ? " (+)" : ""),
      entityType: n.type,
      fixed: pinned,
    };
  }

  /**
   * Runs ForceAtlas2 in the worker until the picture is stable.
   *
   * The worker (fa2.worker.ts) iterates on its own and posts positions a few
   * times per second; it never waits for the page. Positions are copied to
   * the drawn graph at a pace set by what a frame costs, so the layout
   * advances at the worker's speed whatever the renderer costs.
   */
  startLayout(opts: { onlyNew?: string[]; maxMs?: number } = {}): void {
    this.stopLayout(false);
    const g = this.graph;
    if (g.order < 2) return;
    const fresh = opts.onlyNew && opts.onlyNew.length && opts.onlyNew.length < g.order ? new Set(opts.onlyNew) : null;
    // graphology's matrices: 10 floats per node, 3 per edge
    const index = new Map<string, number>();
    const nodes = new Float32Array(g.order * 10);
    const colors: string[] = [];
    let j = 0;
    g.forEachNode((id, a) => {
      index.set(id, j);
      colors.push(a.color);
      const o = j * 10;
      nodes[o] = a.x;
      nodes[o + 1] = a.y;
      nodes[o + 6] = 1; // mass, plus weighted degree below
      nodes[o + 7] = 1; // convergence
      nodes[o + 8] = a.size || 1;
      nodes[o + 9] = a.fixed || (fresh && !fresh.has(id)) ? 1 : 0;
      j++;
    });
    const edges = new Float32Array(g.size * 3);
    j = 0;
    g.forEachEdge((_id, a, s, t) => {
      const si = index.get(s)!, ti = index.get(t)!;
      const w = 0.5 + (a.confidence ?? 0.5);
      nodes[si * 10 + 6] += w;
      nodes[ti * 10 + 6] += w;
      edges[j] = si * 10;
      edges[j + 1] = ti * 10;
      edges[j + 2] = w;
      j += 3;
    });
    this.layoutIndex = index;
    this.layoutXY = null;
    if (this.sigma.getCustomBBox()) this.sigma.setCustomBBox(null);
    const settings = {
      ...FA2_DEFAULTS,
      ...inferSettings(g.order),
      barnesHutOptimize: g.order > 800,
      // a coarser Barnes-Hut approximation on big graphs: at 10k nodes an
      // iteration costs a third as much for the same convergence (measured
      // in node: 80 iterations either way, 48 ms against 159 ms each)
      barnesHutTheta: g.order > 2000 ? 1.2 : 0.5,
      slowDown: g.order > 2000 ? 5 : 2,
      adjustSizes: false,
      edgeWeightInfluence: 0.5,
    };
    // an expansion only refines new nodes placed near their parent: it must settle fast
    const maxMs = opts.maxMs ?? (fresh ? 1000 : g.order < 300 ? 1500 : g.order < 3000 ? 6000 : 20000);
    const gen = ++this.layoutGen;
    const worker = this.layoutWorker();
    this.layoutStart = performance.now();
    this.layoutRunning = true;
    this.iterations = 0;
    const req: LayoutRequest = { type: "start", gen, nodes: nodes.buffer, edges: edges.buffer, settings, maxMs, postMs: g.order > 3000 ? 150 : 50, checkMs: 150, calmMovement: 0.001 };
    worker.postMessage(req, [nodes.buffer, edges.buffer]);
    // a whole big graph: dots show the progress, sigma gets the positions at the end
    if (!fresh && g.size > PREVIEW_LAYOUT_ABOVE) this.preview.show(colors, getComputedStyle(document.body).backgroundColor);
    const big = g.size > 5000;
    if (this.sigma.getSetting("hideEdgesOnMove") !== big) this.sigma.setSettings({ hideEdgesOnMove: big, hideLabelsOnMove: big });
    // Show the layout's progress, but leave the CPU to the worker when frames
    // are expensive (software WebGL): copy again only after a pause several
    // times as long as the last frame took.
    const base = g.order > 3000 ? 300 : g.order > 500 ? 120 : 40;
    let lastT = performance.now();
    let lastCopy = lastT;
    const loop = (t: number) => {
      if (!this.layoutRunning) return;
      // frame gaps right after a copy tell what a render costs
      if (lastCopy >= lastT - 1) this.frameCost = 0.5 * this.frameCost + 0.5 * (t - lastT);
      lastT = t;
      if (!this.preview.active && t - lastCopy >= Math.max(base, 4 * this.frameCost) && this.layoutXY) {
        this.copyPositions();
        lastCopy = t;
      }
      this.copyFrame = requestAnimationFrame(loop);
    };
    this.copyFrame = requestAnimationFrame(loop);
  }

  /** The layout worker, created on first use and kept. */
  private layoutWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL("./fa2.worker.ts", import.meta.url), { type: "module" });
    w.onmessage = (e: MessageEvent<LayoutMessage>) => {
      const m = e.data;
      if (m.gen !== this.layoutGen || !this.layoutRunning) return;
      this.layoutXY = new Float32Array(m.xy);
      this.preview.draw(this.layoutXY);
      this.iterations = m.iterations;
      this.lastMovement = m.movement;
      if (m.type === "done") this.stopLayout(true, m.converged);
    };
    this.worker = w;
    return w;
  }

  /** Moves the drawn nodes to the layout's latest positions (a dragged node stays under the cursor). */
  private copyPositions(): void {
    const xy = this.layoutXY;
    const index = this.layoutIndex;
    if (!xy || !index) return;
    this.layoutXY = null;
    this.graph.updateEachNodeAttributes(
      (id, a) => {
        const i = index.get(id);
        if (id === this.dragging || i === undefined) return a;
        a.x = xy[2 * i];
        a.y = xy[2 * i + 1];
        return a;
      },
      { attributes: ["x", "y"] },
    );
  }

  isLayoutRunning(): boolean {
    return this.layoutRunning;
  }

  /** Stops the layout; fires layoutStopped when it was running. */
  stopLayout(notify = true, converged = false): void {
    cancelAnimationFrame(this.copyFrame);
    const was = this.layoutRunning;
    this.layoutRunning = false;
    if (was) {
      this.worker?.postMessage({ type: "stop", gen: this.layoutGen } satisfies LayoutRequest);
      this.copyPositions();
      this.layoutIndex = null;
      this.remember();
      if (this.graph.size > PREVIEW_LAYOUT_ABOVE || this.preview.active) {
        // edges come back (the reducer hid them during the layout); the
        // positions were handed over above: the re-index runs now, sigma's
        // process and draw at the next frame, so in two tasks, not one
        this.sigma.refresh({ partialGraph: { edges: this.graph.edges() }, schedule: true });
        // the preview goes once sigma has drawn the final positions (unless a new layout took it over)
        const gen = this.layoutGen;
        if (this.preview.active) this.sigma.once("afterRender", () => gen === this.layoutGen && !this.layoutRunning && this.preview.hide());
      }
      if (notify) this.on.layoutStopped({ ms: performance.now() - this.layoutStart, converged, nodes: this.graph.order, movement: this.lastMovement, iterations: this.iterations });
      const then = this.afterLayout;
      this.afterLayout = null;
      then?.();
    }
  }

  /**
   * Fits the camera to the drawn graph (or to some nodes) once the layout
   * has stopped, so that every node, its disc and its label are inside the
   * canvas with a margin.
   */
  fit(ids?: Iterable<string>, opts: { animate?: boolean } = {}): void {
    if (this.layoutRunning) {
      const list = ids ? [...ids] : undefined;
      this.afterLayout = () => this.fit(list, opts);
      return;
    }
    const cam = this.sigma.getCamera();
    // the whole of a big graph: sigma's own framing, without a synchronous redraw
    if (!ids && this.graph.order > CHEAP_NODES_ABOVE) {
      cam.animatedReset({ duration: 300 });
      this.fits++;
      return;
    }
    const target = this.fitState(ids ? [...ids] : this.graph.nodes());
    if (!target) return;
    this.fits++;
    if (opts.animate === false) cam.setState(target);
    else cam.animate(target, { duration: 300 });
  }

  /** The camera state that shows these nodes whole, or null when none is drawn. */
  fitState(ids: string[]): { x: number; y: number; ratio: number; angle: number } | null {
    const list = ids.filter((id) => this.graph.hasNode(id));
    if (!list.length) return null;
    // display data (framed coordinates) must reflect the latest positions
    this.sigma.refresh();
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    const pts: { x: number; y: number; size: number; label: string }[] = [];
    for (const id of list) {
      const d = this.sigma.getNodeDisplayData(id);
      if (!d) continue;
      pts.push({ x: d.x, y: d.y, size: d.size, label: d.label ?? "" });
      minX = Math.min(minX, d.x); maxX = Math.max(maxX, d.x);
      minY = Math.min(minY, d.y); maxY = Math.max(maxY, d.y);
    }
    if (!pts.length) return null;
    const angle = this.sigma.getCamera().getState().angle;
    const centre = { x: (minX + maxX) / 2, y: (minY + maxY) / 2, angle };
    const { width, height } = this.sigma.getDimensions();
    const s = this.sigma.getSettings();
    const ctx = document.createElement("canvas").getContext("2d");
    if (ctx) ctx.font = `${s.labelWeight} ${s.labelSize}px ${s.labelFont}`;
    const measure = (t: string) => (ctx ? ctx.measureText(t).width : t.length * s.labelSize * 0.6);
    // At ratio r a node sits at centre + offset/r (offset measured at r = 1);
    // its disc and label take fixed pixels around it. The smallest r that
    // keeps every node's box inside the canvas, less a margin:
    const margin = 12;
    let ratio = s.minCameraRatio ?? 0.02;
    const at1 = (p: { x: number; y: number }) => this.sigma.framedGraphToViewport(p, { cameraState: { ...centre, ratio: 1 } });
    const mid = { x: width / 2, y: height / 2 };
    for (const p of pts) {
      const v = at1(p);
      const dx = v.x - mid.x;
      const dy = v.y - mid.y;
      const disc = p.size * 1.6 + 4;
      const right = disc + (p.label ? measure(p.label) + 8 : 0);
      // room on each side for the node's extent beyond its centre
      if (dx > 0) ratio = Math.max(ratio, dx / Math.max(1, width / 2 - margin - right));
      if (dx < 0) ratio = Math.max(ratio, -dx / Math.max(1, width / 2 - margin - disc));
      if (Math.abs(dy) > 0) ratio = Math.max(ratio, Math.abs(dy) / Math.max(1, height / 2 - margin - disc - s.labelSize));
    }
    // a lone node or a tight cluster is not blown up past a readable zoom
    ratio = Math.min(s.maxCameraRatio ?? 20, Math.max(ratio, 0.15));
    return { ...centre, ratio };
  }

  kill(): void {
    this.stopLayout(false);
    this.preview.hide();
    this.worker?.terminate();
    this.worker = null;
    this.sigma.kill();
  }
}
