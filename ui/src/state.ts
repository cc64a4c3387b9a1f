// View state: what the canvas shows, the undo stack, filters, and the URL
// encoding of a view. Everything here is pure: functions take a state and
// return a new one, so it is unit-tested without a browser.
import type { Edge, Node, PathMode, Subgraph } from "./types";

/** Relation types hidden until the analyst asks for them. */
export const WEAK_RELATIONS = ["MENTIONED_WITH"];

export interface Filters {
  hiddenEntityTypes: string[];
  hiddenRelTypes: string[];
  /** Edges below this confidence are hidden (0..1). */
  minConfidence: number;
  /** Inclusive year range; null shows every year. */
  years: [number, number] | null;
  /** With a year range set, keep edges that carry no year. */
  undated: boolean;
}

export interface PathSelection {
  from: string;
  to: string;
  mode: PathMode;
  k: number;
  maxHops: number;
}

/** One expansion the analyst made: replayable from the URL. */
export interface Expansion {
  id: string;
  limit: number;
}

/** The part of the state that undo restores. */
export interface GraphSnapshot {
  nodes: ReadonlyMap<string, Node>;
  edges: ReadonlyMap<string, Edge>;
  hidden: ReadonlySet<string>;
  pinned: ReadonlySet<string>;
  expanded: readonly Expansion[];
  /** Node ids whose last expansion was cut by a limit: more neighbours exist. */
  truncated: ReadonlySet<string>;
}

export interface ViewState extends GraphSnapshot {
  history: readonly GraphSnapshot[];
  filters: Filters;
  path: PathSelection | null;
}

/** How many undo steps are kept. */
export const HISTORY_LIMIT = 50;

export function defaultFilters(): Filters {
  return { hiddenEntityTypes: [], hiddenRelTypes: [...WEAK_RELATIONS], minConfidence: 0, years: null, undated: true };
}

export function emptyState(): ViewState {
  return {
    nodes: new Map(),
    edges: new Map(),
    hidden: new Set(),
    pinned: new Set(),
    expanded: [],
    truncated: new Set(),
    history: [],
    filters: defaultFilters(),
    path: null,
  };
}

function snapshot(s: ViewState): GraphSnapshot {
  return { nodes: s.nodes, edges: s.edges, hidden: s.hidden, pinned: s.pinned, expanded: s.expanded, truncated: s.truncated };
}

/** Returns s with its current graph pushed on the undo stack. */
function record(s: ViewState): ViewState {
  const h = [...s.history, snapshot(s)];
  return { ...s, history: h.length > HISTORY_LIMIT ? h.slice(h.length - HISTORY_LIMIT) : h };
}

export function canUndo(s: ViewState): boolean {
  return s.history.length > 0;
}

/** Restores the graph as it was before the last change. Filters are kept. */
export function undo(s: ViewState): ViewState {
  if (!s.history.length) return s;
  const prev = s.history[s.history.length - 1];
  return { ...s, ...prev, history: s.history.slice(0, -1) };
}

/** Merges two versions of a node: known fields win over missing ones. */
function mergeNode(old: Node | undefined, n: Node): Node {
  if (!old) return n;
  return {
    ...old,
    ...n,
    aliases: n.aliases ?? old.aliases,
    properties: n.properties || old.properties ? { ...old.properties, ...n.properties } : undefined,
    degree: n.degree ?? old.degree,
    mentions: n.mentions ?? old.mentions,
  };
}

function mergeEdge(old: Edge | undefined, e: Edge): Edge {
  if (!old) return e;
  return {
    ...old,
    ...e,
    evidence: e.evidence ?? old.evidence,
    evidenceCount: e.evidenceCount ?? old.evidenceCount ?? old.evidence?.length,
    properties: e.properties ?? old.properties,
  };
}

export interface MergeOptions {
  /** The node whose neighbours these are (an expansion). */
  expandedFrom?: Expansion;
  /** Push the previous graph on the undo stack (default true). */
  record?: boolean;
}

/**
 * Adds a subgraph to the view. Nodes already shown keep their identity and
 * gain any new fields; edges whose endpoints are not in the view are dropped;
 * added nodes are un-hidden. An expansion is remembered (for the URL), and a
 * truncated answer marks its centre as having more neighbours.
 */
export function mergeSubgraph(s: ViewState, sg: Subgraph, opts: MergeOptions = {}): ViewState {
  const base = opts.record === false ? s : record(s);
  const nodes = new Map(base.nodes);
  const hidden = new Set(base.hidden);
  for (const n of sg.nodes ?? []) {
    nodes.set(n.id, mergeNode(nodes.get(n.id), n));
    hidden.delete(n.id);
  }
  const edges = new Map(base.edges);
  for (const e of sg.edges ?? []) {
    if (!nodes.has(e.source) || !nodes.has(e.target)) continue;
    edges.set(e.id, mergeEdge(edges.get(e.id), e));
  }
  let expanded = base.expanded;
  const truncated = new Set(base.truncated);
  if (opts.expandedFrom) {
    const x = opts.expandedFrom;
    expanded = [...expanded.filter((e) => e.id !== x.id), x];
    if (sg.truncated) truncated.add(x.id);
    else truncated.delete(x.id);
  }
  return { ...base, nodes, edges, hidden, expanded, truncated };
}

/** Replaces the whole canvas with a subgraph (undoable). */
export function replaceWith(s: ViewState, sg: Subgraph): ViewState {
  const cleared: ViewState = { ...record(s), nodes: new Map(), edges: new Map(), hidden: new Set(), pinned: new Set(), expanded: [], truncated: new Set() };
  return mergeSubgraph(cleared, sg, { record: false });
}

/** Empties the canvas (undoable). */
export function clearGraph(s: ViewState): ViewState {
  return replaceWith(s, { nodes: [], edges: [] });
}

/** Hides nodes (undoable); they stay known so "show hidden" can bring them back. */
export function hideNodes(s: ViewState, ids: Iterable<string>): ViewState {
  const r = record(s);
  const hidden = new Set(r.hidden);
  for (const id of ids) if (r.nodes.has(id)) hidden.add(id);
  return { ...r, hidden };
}

export function unhideAll(s: ViewState): ViewState {
  if (!s.hidden.size) return s;
  return { ...record(s), hidden: new Set() };
}

/** Removes nodes and their edges from the view (undoable). */
export function removeNodes(s: ViewState, ids: Iterable<string>): ViewState {
  const r = record(s);
  const drop = new Set(ids);
  const nodes = new Map([...r.nodes].filter(([id]) => !drop.has(id)));
  const edges = new Map([...r.edges].filter(([, e]) => !drop.has(e.source) && !drop.has(e.target)));
  const hidden = new Set([...r.hidden].filter((id) => !drop.has(id)));
  const pinned = new Set([...r.pinned].filter((id) => !drop.has(id)));
  const expanded = r.expanded.filter((x) => !drop.has(x.id));
  const truncated = new Set([...r.truncated].filter((id) => !drop.has(id)));
  return { ...r, nodes, edges, hidden, pinned, expanded, truncated };
}

/** Pins or unpins a node (pinned nodes are fixed during layout). */
export function togglePin(s: ViewState, id: string, on?: boolean): ViewState {
  const pinned = new Set(s.pinned);
  const want = on ?? !pinned.has(id);
  if (want) pinned.add(id);
  else pinned.delete(id);
  return { ...s, pinned };
}

export function setFilters(s: ViewState, f: Partial<Filters>): ViewState {
  return { ...s, filters: { ...s.filters, ...f } };
}

export function toggleInList(list: readonly string[], v: string): string[] {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
}

/** The years an edge carries in properties.years (numbers or numeric strings), sorted, unique. */
export function yearsOf(e: Edge): number[] {
  const raw = e.properties?.["years"];
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const out = new Set<number>();
  for (const v of list) {
    const n = typeof v === "number" ? v : typeof v === "string" ? Number.parseInt(v, 10) : NaN;
    if (Number.isInteger(n) && n > 0 && n < 10000) out.add(n);
  }
  return [...out].sort((a, b) => a - b);
}

/** Every year carried by the edges, sorted. */
export function allYears(edges: Iterable<Edge>): number[] {
  const out = new Set<number>();
  for (const e of edges) for (const y of yearsOf(e)) out.add(y);
  return [...out].sort((a, b) => a - b);
}

/** Whether a node passes the filters and is not hidden. */
export function nodeVisible(s: Pick<ViewState, "hidden" | "filters">, n: Node): boolean {
  return !s.hidden.has(n.id) && !s.filters.hiddenEntityTypes.includes(n.type);
}

/** Whether an edge passes the type, confidence and time filters (endpoints not considered). */
export function edgePasses(f: Filters, e: Edge): boolean {
  if (f.hiddenRelTypes.includes(e.type)) return false;
  if ((e.confidence ?? 0) < f.minConfidence) return false;
  if (f.years) {
    const ys = yearsOf(e);
    if (!ys.length) return f.undated;
    const [lo, hi] = f.years;
    if (!ys.some((y) => y >= lo && y <= hi)) return false;
  }
  return true;
}

/** The nodes and edges the canvas draws under the current filters. */
export function visibleGraph(s: ViewState): { nodes: Node[]; edges: Edge[] } {
  const nodes = [...s.nodes.values()].filter((n) => nodeVisible(s, n));
  const ok = new Set(nodes.map((n) => n.id));
  const edges = [...s.edges.values()].filter((e) => ok.has(e.source) && ok.has(e.target) && edgePasses(s.filters, e));
  return { nodes, edges };
}

/** Counts of shown nodes per entity type and edges per relation type (legend). */
export function typeCounts(s: ViewState): { entities: Map<string, number>; relations: Map<string, number> } {
  const entities = new Map<string, number>();
  for (const n of s.nodes.values()) if (!s.hidden.has(n.id)) entities.set(n.type, (entities.get(n.type) ?? 0) + 1);
  const relations = new Map<string, number>();
  for (const e of s.edges.values()) relations.set(e.type, (relations.get(e.type) ?? 0) + 1);
  return { entities, relations };
}

/**
 * A starting position for the i-th of n nodes added next to their parent:
 * a sunflower spiral around it (golden angle), the first ring at about one
 * typical edge length (radius), so that a layout only has to refine it.
 */
export function placeNear(parent: { x: number; y: number }, i: number, n: number, radius = 1): { x: number; y: number } {
  const golden = Math.PI * (3 - Math.sqrt(5));
  const r = radius * (1 + 0.45 * Math.sqrt(i)) * (n > 0 ? 1 : 1);
  const a = i * golden + 0.3;
  return { x: parent.x + r * Math.cos(a), y: parent.y + r * Math.sin(a) };
}

// ---------- URL encoding ----------

/** What the URL holds: enough to reproduce a view. */
export interface ViewSpec {
  ids: string[];
  expanded: Expansion[];
  hidden: string[];
  pinned: string[];
  filters: Filters;
  path: PathSelection | null;
  /** Index of the highlighted path in the path results. */
  pathIndex: number;
  /** Entity whose details are open. */
  selected: string | null;
}

const MODES: PathMode[] = ["shortest", "all_shortest", "k"];

function list(v: string | null): string[] {
  if (!v) return [];
  return v.split(",").filter(Boolean).map(decodeURIComponent);
}

function join(ids: Iterable<string>): string {
  return [...ids].map((id) => encodeURIComponent(id)).join(",");
}

/** Views with more nodes than this are shared by their expansions only (URLs stay short). */
export const URL_NODE_LIMIT = 400;

/** Encodes a view as a query string (without "#" or "?"). Defaults are left out. */
export function encodeView(s: ViewState, extra: { pathIndex?: number; selected?: string | null } = {}): string {
  const u = new URLSearchParams();
  if (s.nodes.size && s.nodes.size <= URL_NODE_LIMIT) u.set("n", join(s.nodes.keys()));
  if (s.expanded.length) u.set("x", s.expanded.map((x) => `${encodeURIComponent(x.id)}:${x.limit}`).join(","));
  if (s.hidden.size) u.set("h", join(s.hidden));
  if (s.pinned.size) u.set("p", join(s.pinned));
  const f = s.filters;
  if (f.hiddenEntityTypes.length) u.set("ht", f.hiddenEntityTypes.join(","));
  const d = defaultFilters();
  if ([...f.hiddenRelTypes].sort().join(",") !== d.hiddenRelTypes.join(",")) u.set("hr", f.hiddenRelTypes.join(","));
  if (f.minConfidence > 0) u.set("c", String(Math.round(f.minConfidence * 100) / 100));
  if (f.years) u.set("y", `${f.years[0]}-${f.years[1]}`);
  if (!f.undated) u.set("yu", "0");
  if (s.path) {
    const p = s.path;
    u.set("path", [encodeURIComponent(p.from), encodeURIComponent(p.to), p.mode, p.k, p.maxHops].join(","));
    if (extra.pathIndex && extra.pathIndex > 0) u.set("pi", String(extra.pathIndex));
  }
  if (extra.selected) u.set("sel", extra.selected);
  // keep separators readable: "," and ":" inside values are already escaped
  return u.toString().replace(/%2C/g, ",").replace(/%3A/g, ":");
}

/** Decodes a query string made by encodeView; bad parts fall back to defaults. */
export function decodeView(q: string): ViewSpec {
  const u = new URLSearchParams(q.replace(/^[#?]/, ""));
  const f = defaultFilters();
  if (u.has("ht")) f.hiddenEntityTypes = (u.get("ht") ?? "").split(",").filter(Boolean);
  if (u.has("hr")) f.hiddenRelTypes = (u.get("hr") ?? "").split(",").filter(Boolean);
  const c = Number(u.get("c"));
  if (Number.isFinite(c) && c > 0 && c <= 1) f.minConfidence = c;
  const y = /^(\d{1,4})-(\d{1,4})$/.exec(u.get("y") ?? "");
  if (y) {
    const a = Number(y[1]);
    const b = Number(y[2]);
    f.years = [Math.min(a, b), Math.max(a, b)];
  }
  if (u.get("yu") === "0") f.undated = false;
  const expanded: Expansion[] = [];
  for (const part of (u.get("x") ?? "").split(",").filter(Boolean)) {
    const i = part.lastIndexOf(":");
    const id = decodeURIComponent(i > 0 ? part.slice(0, i) : part);
    const limit = i > 0 ? Number(part.slice(i + 1)) : 25;
    expanded.push({ id, limit: Number.isInteger(limit) && limit > 0 ? limit : 25 });
  }
  let path: PathSelection | null = null;
  const ps = (u.get("path") ?? "").split(",");
  if (ps.length >= 2 && ps[0] && ps[1]) {
    const mode = (MODES as string[]).includes(ps[2] ?? "") ? (ps[2] as PathMode) : "shortest";
    const k = Number(ps[3]);
    const hops = Number(ps[4]);
    path = {
      from: decodeURIComponent(ps[0]),
      to: decodeURIComponent(ps[1]),
      mode,
      k: Number.isInteger(k) && k > 0 ? k : 3,
      maxHops: Number.isInteger(hops) && hops > 0 ? hops : 4,
    };
  }
  const pi = Number(u.get("pi"));
  return {
    ids: list(u.get("n")),
    expanded,
    hidden: list(u.get("h")),
    pinned: list(u.get("p")),
    filters: f,
    path,
    pathIndex: Number.isInteger(pi) && pi > 0 ? pi : 0,
    selected: u.get("sel") || null,
  };
}

/** Applies the non-graph parts of a decoded spec (filters, path, hidden, pinned) to a state. */
export function applySpec(s: ViewState, spec: ViewSpec): ViewState {
  return {
    ...s,
    filters: spec.filters,
    path: spec.path,
    hidden: new Set(spec.hidden.filter((id) => s.nodes.has(id))),
    pinned: new Set(spec.pinned.filter((id) => s.nodes.has(id))),
    expanded: spec.expanded.filter((x) => s.nodes.has(x.id)),
  };
}

/** Keeps only the listed nodes (and edges among them); used when a URL names the exact node set. */
export function restrictTo(s: ViewState, ids: Iterable<string>): ViewState {
  const keep = new Set(ids);
  const drop = [...s.nodes.keys()].filter((id) => !keep.has(id));
  if (!drop.length) return s;
  const r = removeNodes(s, drop);
  return { ...r, history: s.history };
}

/**
 * The label to draw for an entity: its name, or a short acronym alias
 * ("KOMID") when the name is long ("Korea Mining Development Trading Corporation").
 */
export function displayName(n: Pick<Node, "name" | "aliases">): string {
  if (n.name.length <= 24) return n.name;
  const acronym = n.aliases?.find((a) => a.length >= 2 && a.length <= 12 && /^[\p{Lu}\d][\p{Lu}\d&.\-]+$/u.test(a));
  return acronym ?? n.name;
}

/** Node and edge ids of a path, for highlighting. */
export function pathIds(p: { nodes: Node[]; edges: Edge[] }): { nodes: Set<string>; edges: Set<string> } {
  return { nodes: new Set(p.nodes.map((n) => n.id)), edges: new Set(p.edges.map((e) => e.id)) };
}

/** A path as readable steps: "A —SUPPLIES→ B", with the arrow following the stored direction. */
export function pathSteps(p: { nodes: Node[]; edges: Edge[] }): { from: Node; to: Node; edge: Edge; forward: boolean }[] {
  const out: { from: Node; to: Node; edge: Edge; forward: boolean }[] = [];
  for (let i = 0; i < p.edges.length && i + 1 < p.nodes.length; i++) {
    const e = p.edges[i];
    out.push({ from: p.nodes[i], to: p.nodes[i + 1], edge: e, forward: e.source === p.nodes[i].id });
  }
  return out;
}

/** Splits a sentence at document offsets into [before, trigger, after] (code points). */
export function splitTrigger(sentence: string, start: number, tStart?: number, tEnd?: number): [string, string, string] {
  const cps = Array.from(sentence);
  if (tStart === undefined || tEnd === undefined || tEnd <= tStart) return [sentence, "", ""];
  const a = Math.max(0, Math.min(cps.length, tStart - start));
  const b = Math.max(a, Math.min(cps.length, tEnd - start));
  if (a === b) return [sentence, "", ""];
  return [cps.slice(0, a).join(""), cps.slice(a, b).join(""), cps.slice(b).join("")];
}
