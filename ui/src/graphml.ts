// GraphML writer (graphology-graphml only parses): typed keys for node and
// edge attributes, XML-escaped values.

export interface GraphMLItem {
  id: string;
  attrs: Record<string, string | number | boolean>;
}
export interface GraphMLEdge extends GraphMLItem {
  source: string;
  target: string;
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!)
    // characters XML 1.0 cannot carry
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "");

function keyType(values: unknown[]): string {
  if (values.every((v) => typeof v === "boolean")) return "boolean";
  if (values.every((v) => typeof v === "number" && Number.isInteger(v))) return "long";
  if (values.every((v) => typeof v === "number")) return "double";
  return "string";
}

function keys(items: GraphMLItem[], domain: "node" | "edge" | "graph", prefix: string): { decl: string[]; ids: Map<string, string> } {
  const byName = new Map<string, unknown[]>();
  for (const it of items) for (const [k, v] of Object.entries(it.attrs)) (byName.get(k) ?? byName.set(k, []).get(k)!).push(v);
  const decl: string[] = [];
  const ids = new Map<string, string>();
  let i = 0;
  for (const [name, values] of byName) {
    const id = `${prefix}${i++}`;
    ids.set(name, id);
    decl.push(`  <key id="${id}" for="${domain}" attr.name="${esc(name)}" attr.type="${keyType(values)}"/>`);
  }
  return { decl, ids };
}

function data(attrs: Record<string, unknown>, ids: Map<string, string>): string {
  return Object.entries(attrs)
    .map(([k, v]) => `<data key="${ids.get(k)}">${esc(String(v))}</data>`)
    .join("");
}

/** Serialises a directed graph as GraphML, with optional graph-level data (title, query, date). */
export function toGraphML(nodes: GraphMLItem[], edges: GraphMLEdge[], graph: Record<string, string> = {}): string {
  const nk = keys(nodes, "node", "n");
  const ek = keys(edges, "edge", "e");
  const gk = keys([{ id: "nexus", attrs: graph }], "graph", "g");
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">`,
    ...gk.decl,
    ...nk.decl,
    ...ek.decl,
    `  <graph id="nexus" edgedefault="directed">`,
    ...(Object.keys(graph).length ? [`    ${data(graph, gk.ids)}`] : []),
    ...nodes.map((n) => `    <node id="${esc(n.id)}">${data(n.attrs, nk.ids)}</node>`),
    ...edges.map((e) => `    <edge id="${esc(e.id)}" source="${esc(e.source)}" target="${esc(e.target)}">${data(e.attrs, ek.ids)}</edge>`),
    `  </graph>`,
    `</graphml>`,
    "",
  ].join("\n");
}
