// Exports: a PNG of the canvas with a title, the query, the date and a
// legend; GraphML, GEXF and JSON with each relation's provenance
// (provenance.ts). Loaded lazily when the analyst exports.
import type Sigma from "sigma";
import { download } from "./dom";
import { entityColor, relationColor } from "./colors";
import { toGraphML } from "./graphml";
import { addPngText } from "./pngtext";
import { exportJSONText, exportRows, type Drawn, type ExportMeta } from "./provenance";
import type { Edge, Node } from "./types";

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

export interface PictureStyle {
  background: string;
  foreground: string;
  muted: string;
  /** Entity and relation types drawn, for the legend. */
  entityTypes: string[];
  relationTypes: string[];
}

/** Header height and legend width of the exported picture (CSS pixels). */
export const PNG_HEADER = 64;
export const PNG_LEGEND = 210;

/** The canvas with a header (title, query, date, link) and a legend on its right. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function composePicture(sigma: Sigma<any, any>, meta: ExportMeta, st: PictureStyle): HTMLCanvasElement {
  const shot = snapshotCanvas(sigma, st.background);
  const ratio = window.devicePixelRatio || 1;
  const { width, height } = sigma.getDimensions();
  const legendRows = st.entityTypes.length + st.relationTypes.length + 7;
  const h = PNG_HEADER + Math.max(height, 24 + legendRows * 18);
  const out = document.createElement("canvas");
  out.width = (width + PNG_LEGEND) * ratio;
  out.height = h * ratio;
  const ctx = out.getContext("2d")!;
  ctx.scale(ratio, ratio);
  ctx.fillStyle = st.background;
  ctx.fillRect(0, 0, width + PNG_LEGEND, h);
  ctx.drawImage(shot, 0, PNG_HEADER, width, height);
  const font = "system-ui, sans-serif";
  const fit = (s: string, max: number) => {
    if (ctx.measureText(s).width <= max) return s;
    let t = s;
    while (t.length > 1 && ctx.measureText(t + "…").width > max) t = t.slice(0, -1);
    return t + "…";
  };
  // header: title, the query, date and the link that reproduces the view
  ctx.fillStyle = st.foreground;
  ctx.font = `600 16px ${font}`;
  ctx.fillText(fit(meta.title, width + PNG_LEGEND - 24), 12, 22);
  ctx.font = `13px ${font}`;
  ctx.fillText(fit(meta.query, width + PNG_LEGEND - 24), 12, 40);
  ctx.fillStyle = st.muted;
  ctx.font = `11px ${font}`;
  ctx.fillText(fit(`${new Date(meta.date).toUTCString()} · ${meta.url}`, width + PNG_LEGEND - 24), 12, 56);
  ctx.fillRect(0, PNG_HEADER - 1, width + PNG_LEGEND, 1);
  // legend: entity types, relation types, what size and width mean
  let y = PNG_HEADER + 20;
  const x = width + 14;
  const heading = (s: string) => {
    if (y > PNG_HEADER + 20) y += 8;
    ctx.fillStyle = st.muted;
    ctx.font = `600 11px ${font}`;
    ctx.fillText(s.toUpperCase(), x, y);
    y += 16;
  };
  const row = (label: string, draw: () => void) => {
    draw();
    ctx.fillStyle = st.foreground;
    ctx.font = `12px ${font}`;
    ctx.fillText(fit(label, PNG_LEGEND - 44), x + 24, y + 4);
    y += 18;
  };
  if (st.entityTypes.length) heading("Entities");
  for (const t of st.entityTypes)
    row(t, () => {
      ctx.fillStyle = entityColor(t);
      ctx.beginPath();
      ctx.arc(x + 8, y, 5, 0, Math.PI * 2);
      ctx.fill();
    });
  if (st.relationTypes.length) heading("Relations");
  for (const t of st.relationTypes)
    row(t.replace(/_/g, " ").toLowerCase(), () => {
      ctx.fillStyle = relationColor(t);
      ctx.fillRect(x, y - 1.5, 16, 3);
    });
  y += 6;
  ctx.fillStyle = st.muted;
  ctx.font = `11px ${font}`;
  for (const line of ["node size: degree", "edge width: confidence", "×n: parallel relations as one"]) {
    ctx.fillText(line, x, y);
    y += 15;
  }
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function exportPNG(sigma: Sigma<any, any>, meta: ExportMeta, st: PictureStyle, name = "nexus-graph.png"): Promise<void> {
  const canvas = composePicture(sigma, meta, st);
  const blob = await new Promise<Blob | null>((res) => canvas.toBlob(res, "image/png"));
  if (!blob) return;
  // the same facts as metadata, for tools that index pictures
  const png = addPngText(new Uint8Array(await blob.arrayBuffer()), { Title: meta.title, Description: meta.query, "Creation Time": meta.date, Source: meta.url, Software: "Nexus" });
  download(name, new Blob([png], { type: "image/png" }));
}

export function exportGraphML(meta: ExportMeta, nodes: Node[], drawn: Map<string, Drawn>, edges: Edge[]): void {
  const rows = exportRows(nodes, drawn, edges);
  const xml = toGraphML(rows.nodes, rows.edges, { title: meta.title, query: meta.query, url: meta.url, date: meta.date });
  download("nexus-graph.graphml", new Blob([xml], { type: "application/graphml+xml" }));
}

export async function exportGEXF(meta: ExportMeta, nodes: Node[], drawn: Map<string, Drawn>, edges: Edge[]): Promise<void> {
  const [{ write }, { default: Graph }] = await Promise.all([import("graphology-gexf/browser"), import("graphology")]);
  const rows = exportRows(nodes, drawn, edges);
  const g = new Graph({ multi: true, type: "directed" });
  g.replaceAttributes({ creator: "Nexus", description: `${meta.title}: ${meta.query} (${meta.url})`, lastModifiedDate: meta.date.slice(0, 10) });
  for (const n of rows.nodes) g.addNode(n.id, n.attrs);
  for (const e of rows.edges) g.addDirectedEdgeWithKey(e.id, e.source, e.target, e.attrs);
  download("nexus-graph.gexf", new Blob([write(g)], { type: "application/xml" }));
}

export function exportJSON(meta: ExportMeta, nodes: Node[], drawn: Map<string, Drawn>, edges: Edge[]): void {
  download("nexus-graph.json", new Blob([exportJSONText(meta, nodes, drawn, edges)], { type: "application/json" }));
}
