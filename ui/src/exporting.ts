// Exports: PNG snapshot of the sigma canvases, GraphML, GEXF and JSON.
import type Sigma from "sigma";
import type Graph from "graphology";
import { download } from "./dom";
import type { Edge, Node } from "./types";
import { toGraphML, type GraphMLItem } from "./graphml";

/** Draws every sigma layer onto one canvas, over the theme background. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function snapshotCanvas(sigma: Sigma<any, any>, background: string): HTMLCanvasElement {
  sigma.refresh(); // render synchronously so WebGL buffers hold the picture
  const { width, height } = sigma.getDimensions();
  const ratio = window.devicePixelRatio || 1;
  const out = document.createElement("canvas");
  out.width = width * ratio;
  out.height = height * ratio;
  const ctx = out.getContext("2d")!;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, out.width, out.height);
  const layers = sigma.getCanvases();
  for (const name of ["edges", "nodes", "edgeLabels", "labels", "hovers", "hoverNodes"]) {
    const c = layers[name];
    if (c) ctx.drawImage(c, 0, 0, out.width, out.height);
  }
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function exportPNG(sigma: Sigma<any, any>, background: string, name = "nexus-graph.png"): Promise<void> {
  const canvas = snapshotCanvas(sigma, background);
  const blob = await new Promise<Blob | null>((res) => canvas.toBlob(res, "image/png"));
  if (blob) download(name, blob);
}

/** A copy of the drawn graph with the entity and relation data as flat attributes. */
async function exportGraph(g: Graph, nodes: Map<string, Node>, edges: Map<string, Edge>): Promise<Graph> {
  const { default: G } = await import("graphology");
  const out = new G({ multi: true, type: "directed" });
  g.forEachNode((id, a) => {
    const n = nodes.get(id);
    out.addNode(id, { label: n?.name ?? id, type: n?.type ?? "", x: a.x, y: a.y, size: a.size, color: a.color, degree: n?.degree ?? 0 });
  });
  g.forEachEdge((id, _a, s, t) => {
    const e = edges.get(id);
    out.addDirectedEdgeWithKey(id, s, t, {
      label: e?.type ?? "",
      type: e?.type ?? "",
      confidence: e?.confidence ?? 0,
      evidenceCount: e?.evidenceCount ?? e?.evidence?.length ?? 0,
      years: Array.isArray(e?.properties?.["years"]) ? (e?.properties?.["years"] as unknown[]).join(" ") : "",
    });
  });
  return out;
}

export async function exportGraphML(g: Graph, nodes: Map<string, Node>, edges: Map<string, Edge>): Promise<void> {
  const copy = await exportGraph(g, nodes, edges);
  const xml = toGraphML(
    copy.mapNodes((id, a) => ({ id, attrs: a as GraphMLItem["attrs"] })),
    copy.mapEdges((id, a, source, target) => ({ id, source, target, attrs: a as GraphMLItem["attrs"] })),
  );
  download("nexus-graph.graphml", new Blob([xml], { type: "application/graphml+xml" }));
}

export async function exportGEXF(g: Graph, nodes: Map<string, Node>, edges: Map<string, Edge>): Promise<void> {
  const [{ write }, copy] = await Promise.all([import("graphology-gexf/browser"), exportGraph(g, nodes, edges)]);
  download("nexus-graph.gexf", new Blob([write(copy)], { type: "application/xml" }));
}

/** The entities and relations shown, in the API's own shapes, with positions. */
export function exportJSON(g: Graph, nodes: Map<string, Node>, edges: Map<string, Edge>): void {
  const data = {
    nodes: g.mapNodes((id, a) => ({ ...(nodes.get(id) ?? { id }), x: a.x, y: a.y })),
    edges: g.mapEdges((id) => edges.get(id)).filter(Boolean),
  };
  download("nexus-graph.json", new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
}
