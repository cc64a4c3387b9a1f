import { describe, expect, it } from "vitest";
import {
  allYears,
  applySpec,
  canUndo,
  clearGraph,
  decodeView,
  defaultFilters,
  displayName,
  edgePasses,
  emptyState,
  encodeView,
  hideNodes,
  HISTORY_LIMIT,
  URL_NODE_LIMIT,
  mergeSubgraph,
  pathSteps,
  placeNear,
  removeNodes,
  replaceWith,
  restrictTo,
  setFilters,
  splitTrigger,
  togglePin,
  typeCounts,
  undo,
  unhideAll,
  visibleGraph,
  yearsOf,
} from "./state";
import type { Edge, Node, Subgraph } from "./types";

const n = (id: string, type = "Organization", extra: Partial<Node> = {}): Node => ({ id, name: id.toUpperCase(), type, ...extra });
const e = (id: string, source: string, target: string, type = "SUPPLIES", confidence = 0.9, years?: unknown[]): Edge => ({
  id,
  source,
  target,
  type,
  confidence,
  properties: years ? { years } : undefined,
});

const komid: Subgraph = {
  nodes: [n("komid"), n("ssrc"), n("syria", "Country")],
  edges: [e("r1", "komid", "ssrc", "SUPPLIES", 0.9, [2009]), e("r2", "ssrc", "syria", "PART_OF", 0.7)],
  truncated: true,
};

describe("mergeSubgraph / undo", () => {
  it("adds nodes and edges, marks truncated expansions, and undo restores the empty view", () => {
    const s1 = mergeSubgraph(emptyState(), komid, { expandedFrom: { id: "komid", limit: 2 } });
    expect([...s1.nodes.keys()]).toEqual(["komid", "ssrc", "syria"]);
    expect([...s1.edges.keys()]).toEqual(["r1", "r2"]);
    expect(s1.truncated.has("komid")).toBe(true);
    expect(s1.expanded).toEqual([{ id: "komid", limit: 2 }]);
    expect(canUndo(s1)).toBe(true);
    const s0 = undo(s1);
    expect(s0.nodes.size).toBe(0);
    expect(s0.expanded).toEqual([]);
    expect(canUndo(s0)).toBe(false);
    expect(undo(s0)).toBe(s0);
  });

  it("merges a second expansion without duplicating nodes, and keeps fields of known nodes", () => {
    const s1 = mergeSubgraph(emptyState(), { nodes: [n("komid", "Organization", { degree: 7, aliases: ["Korea Mining"] })], edges: [] });
    const s2 = mergeSubgraph(s1, komid, { expandedFrom: { id: "komid", limit: 50 } });
    expect(s2.nodes.size).toBe(3);
    expect(s2.nodes.get("komid")?.degree).toBe(7);
    expect(s2.nodes.get("komid")?.aliases).toEqual(["Korea Mining"]);
    const s3 = mergeSubgraph(s2, { nodes: [n("ssrc"), n("iran", "Country")], edges: [e("r3", "ssrc", "iran")] }, { expandedFrom: { id: "ssrc", limit: 10 } });
    expect(s3.nodes.size).toBe(4);
    expect(s3.edges.size).toBe(3);
    expect(s3.truncated.has("ssrc")).toBe(false);
    expect(s3.expanded.map((x) => x.id)).toEqual(["komid", "ssrc"]);
    // undo twice walks back step by step
    expect(undo(s3).nodes.size).toBe(3);
    expect(undo(undo(s3)).nodes.size).toBe(1);
  });

  it("drops edges whose endpoints are not shown and un-hides re-added nodes", () => {
    const s1 = mergeSubgraph(emptyState(), { nodes: [n("a")], edges: [e("x", "a", "zzz")] });
    expect(s1.edges.size).toBe(0);
    const s2 = hideNodes(s1, ["a"]);
    expect(s2.hidden.has("a")).toBe(true);
    const s3 = mergeSubgraph(s2, { nodes: [n("a")], edges: [] });
    expect(s3.hidden.has("a")).toBe(false);
  });

  it("keeps evidence already loaded when the same edge arrives without it", () => {
    const withEv: Edge = { ...e("r1", "komid", "ssrc"), evidence: [{ document: "d1", sentence: "s", start: 0, end: 1 }] };
    const s1 = mergeSubgraph(emptyState(), { nodes: komid.nodes, edges: [withEv] });
    const s2 = mergeSubgraph(s1, komid);
    expect(s2.edges.get("r1")?.evidence?.length).toBe(1);
  });

  it("caps the undo stack", () => {
    let s = emptyState();
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) s = mergeSubgraph(s, { nodes: [n("n" + i)], edges: [] });
    expect(s.history.length).toBe(HISTORY_LIMIT);
    expect(s.nodes.size).toBe(HISTORY_LIMIT + 10);
  });

  it("replace, clear, remove, hide and pin", () => {
    const s1 = mergeSubgraph(emptyState(), komid);
    const s2 = replaceWith(s1, { nodes: [n("x")], edges: [] });
    expect([...s2.nodes.keys()]).toEqual(["x"]);
    expect([...undo(s2).nodes.keys()]).toEqual(["komid", "ssrc", "syria"]);
    expect(clearGraph(s1).nodes.size).toBe(0);
    const s3 = removeNodes(s1, ["ssrc"]);
    expect([...s3.nodes.keys()]).toEqual(["komid", "syria"]);
    expect(s3.edges.size).toBe(0);
    const s4 = hideNodes(s1, ["syria", "unknown"]);
    expect([...s4.hidden]).toEqual(["syria"]);
    expect(visibleGraph(s4).nodes.map((x) => x.id)).toEqual(["komid", "ssrc"]);
    expect(visibleGraph(s4).edges.map((x) => x.id)).toEqual(["r1"]);
    expect(unhideAll(s4).hidden.size).toBe(0);
    expect(undo(s4).hidden.size).toBe(0);
    const s5 = togglePin(s1, "komid");
    expect(s5.pinned.has("komid")).toBe(true);
    expect(togglePin(s5, "komid").pinned.has("komid")).toBe(false);
  });
});

describe("filters", () => {
  const f = defaultFilters();
  it("hides weak MENTIONED_WITH by default", () => {
    expect(edgePasses(f, e("m", "a", "b", "MENTIONED_WITH"))).toBe(false);
    expect(edgePasses(f, e("s", "a", "b", "SUPPLIES"))).toBe(true);
  });
  it("applies minimum confidence", () => {
    expect(edgePasses({ ...f, minConfidence: 0.8 }, e("s", "a", "b", "SUPPLIES", 0.7))).toBe(false);
    expect(edgePasses({ ...f, minConfidence: 0.8 }, e("s", "a", "b", "SUPPLIES", 0.8))).toBe(true);
  });
  it("slices by year, keeping undated edges unless asked not to", () => {
    const g = { ...f, years: [2010, 2012] as [number, number] };
    expect(edgePasses(g, e("a", "a", "b", "SUPPLIES", 1, [2009]))).toBe(false);
    expect(edgePasses(g, e("a", "a", "b", "SUPPLIES", 1, [2009, 2011]))).toBe(true);
    expect(edgePasses(g, e("a", "a", "b", "SUPPLIES", 1))).toBe(true);
    expect(edgePasses({ ...g, undated: false }, e("a", "a", "b", "SUPPLIES", 1))).toBe(false);
  });
  it("hides entity types and their edges", () => {
    const s = setFilters(mergeSubgraph(emptyState(), komid), { hiddenEntityTypes: ["Country"] });
    const v = visibleGraph(s);
    expect(v.nodes.map((x) => x.id)).toEqual(["komid", "ssrc"]);
    expect(v.edges.map((x) => x.id)).toEqual(["r1"]);
  });
  it("counts types for the legend", () => {
    const c = typeCounts(mergeSubgraph(emptyState(), komid));
    expect(Object.fromEntries(c.entities)).toEqual({ Organization: 2, Country: 1 });
    expect(Object.fromEntries(c.relations)).toEqual({ SUPPLIES: 1, PART_OF: 1 });
  });
});

describe("years", () => {
  it("extracts numbers and numeric strings, sorted and unique", () => {
    expect(yearsOf(e("a", "a", "b", "X", 1, [2011, "2009", 2011, "n/a", 0]))).toEqual([2009, 2011]);
    expect(yearsOf(e("a", "a", "b"))).toEqual([]);
    expect(yearsOf({ ...e("a", "a", "b"), properties: { years: 2015 } })).toEqual([2015]);
  });
  it("collects every year of a set of edges", () => {
    expect(allYears([e("a", "a", "b", "X", 1, [2012]), e("b", "a", "b", "X", 1, [2009, 2012]), e("c", "a", "b")])).toEqual([2009, 2012]);
  });
});

describe("URL", () => {
  it("round-trips a view", () => {
    let s = mergeSubgraph(emptyState(), komid, { expandedFrom: { id: "komid", limit: 25 } });
    s = hideNodes(s, ["syria"]);
    s = togglePin(s, "ssrc");
    s = setFilters(s, { hiddenEntityTypes: ["Person"], hiddenRelTypes: [], minConfidence: 0.55, years: [2009, 2013], undated: false });
    s = { ...s, path: { from: "komid", to: "bashar-al-assad", mode: "k", k: 5, maxHops: 6 } };
    const q = encodeView(s, { pathIndex: 2, selected: "komid" });
    const spec = decodeView("#" + q);
    expect(spec.ids).toEqual(["komid", "ssrc", "syria"]);
    expect(spec.expanded).toEqual([{ id: "komid", limit: 25 }]);
    expect(spec.hidden).toEqual(["syria"]);
    expect(spec.pinned).toEqual(["ssrc"]);
    expect(spec.filters).toEqual(s.filters);
    expect(spec.path).toEqual(s.path);
    expect(spec.pathIndex).toBe(2);
    expect(spec.selected).toBe("komid");
    const back = applySpec(s, spec);
    expect(encodeView(back, { pathIndex: 2, selected: "komid" })).toBe(q);
  });
  it("shares big views by their expansions only", () => {
    const many = Array.from({ length: URL_NODE_LIMIT + 1 }, (_, i) => n("n" + i));
    const s = mergeSubgraph(emptyState(), { nodes: many, edges: [] }, { expandedFrom: { id: "n0", limit: 500 } });
    const spec = decodeView(encodeView(s));
    expect(spec.ids).toEqual([]);
    expect(spec.expanded).toEqual([{ id: "n0", limit: 500 }]);
  });
  it("leaves defaults out and decodes an empty URL to defaults", () => {
    expect(encodeView(emptyState())).toBe("");
    const spec = decodeView("");
    expect(spec.filters).toEqual(defaultFilters());
    expect(spec.ids).toEqual([]);
    expect(spec.path).toBeNull();
  });
  it("survives odd ids and bad values", () => {
    const s = mergeSubgraph(emptyState(), { nodes: [n("a,b"), n("é x")], edges: [] });
    expect(decodeView(encodeView(s)).ids).toEqual(["a,b", "é x"]);
    const spec = decodeView("c=7&y=bad&path=a&x=q:zz");
    expect(spec.filters.minConfidence).toBe(0);
    expect(spec.filters.years).toBeNull();
    expect(spec.path).toBeNull();
    expect(spec.expanded).toEqual([{ id: "q", limit: 25 }]);
  });
  it("restricts a replayed view to the URL's node set without an undo step", () => {
    const s = mergeSubgraph(emptyState(), komid);
    const r = restrictTo(s, ["komid", "ssrc"]);
    expect([...r.nodes.keys()]).toEqual(["komid", "ssrc"]);
    expect(r.history.length).toBe(s.history.length);
  });
});

describe("helpers", () => {
  it("labels long names by their acronym alias", () => {
    expect(displayName({ name: "Korea Mining Development Trading Corporation", aliases: ["KOMID"] })).toBe("KOMID");
    expect(displayName({ name: "Islamic Revolutionary Guard Corps – Quds Force", aliases: ["IRGC-QF", "Quds Force"] })).toBe("IRGC-QF");
    expect(displayName({ name: "Bashar al-Assad", aliases: ["Assad"] })).toBe("Bashar al-Assad");
    expect(displayName({ name: "Scientific Studies and Research Center", aliases: ["Research Centre"] })).toBe("Scientific Studies and Research Center");
  });
  it("places children around the parent", () => {
    const ps = Array.from({ length: 8 }, (_, i) => placeNear({ x: 10, y: 10 }, i, 8));
    for (const p of ps) expect(Math.hypot(p.x - 10, p.y - 10)).toBeGreaterThan(0.5);
    expect(new Set(ps.map((p) => `${p.x.toFixed(3)},${p.y.toFixed(3)}`)).size).toBe(8);
  });
  it("lists path steps with direction", () => {
    const steps = pathSteps({ nodes: [n("a"), n("b"), n("c")], edges: [e("1", "a", "b"), e("2", "c", "b")] });
    expect(steps.map((s) => [s.from.id, s.edge.type, s.to.id, s.forward])).toEqual([
      ["a", "SUPPLIES", "b", true],
      ["b", "SUPPLIES", "c", false],
    ]);
  });
  it("splits the trigger out of a sentence by document offsets (code points)", () => {
    // sentence starts at document offset 100; "🙂" is one code point
    expect(splitTrigger("🙂 KOMID supplied SSRC.", 100, 108, 116)).toEqual(["🙂 KOMID ", "supplied", " SSRC."]);
    expect(splitTrigger("no trigger", 0)).toEqual(["no trigger", "", ""]);
  });
});
