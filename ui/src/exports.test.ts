// The exports parsed back: GraphML with an XML parser, GEXF with
// graphology-gexf's reader (what Gephi reads), JSON, and the PNG's text chunks.
import { DOMParser } from "@xmldom/xmldom";
import Graph from "graphology";
import { parse as parseGEXF, write as writeGEXF } from "graphology-gexf";
import { describe, expect, it } from "vitest";
import { toGraphML } from "./graphml";
import { addPngText, crc32, readPngText } from "./pngtext";
import { edgeProvenance, exportJSONText, exportRows, SEP, type Drawn, type ExportMeta } from "./provenance";
import type { Edge, Node } from "./types";

const nodes: Node[] = [
  { id: "komid", name: "KOMID", type: "Organization", aliases: ["Korea Mining Development Trading Corporation"], degree: 34 },
  { id: "iran", name: "Iran", type: "Country", degree: 28 },
];
const edges: Edge[] = [
  {
    id: "r1",
    source: "komid",
    target: "iran",
    type: "SUPPLIES",
    confidence: 0.8,
    properties: { rule: "supplies:active", years: [2016, 2017] },
    evidenceCount: 2,
    evidence: [
      { document: "d1", documentTitle: "Briefing: the KOMID–SSRC weapons pipeline", sentence: "KOMID shipped missile parts to Iran.", start: 0, end: 36, rule: "supplies:active", confidence: 0.8 },
      { document: "d2", documentTitle: "Sanctions note & <annex>", sentence: "Iran received \"parts\" from KOMID.", start: 10, end: 44, rule: "supplies:passive", confidence: 0.7 },
    ],
  },
  { id: "r2", source: "iran", target: "komid", type: "FINANCES", confidence: 0.6, properties: { rule: "finances:active" }, evidenceCount: 1, evidence: [] },
];
const drawn = new Map<string, Drawn>([
  ["komid", { x: 1.5, y: -2, size: 9, color: "#3878c0" }],
  ["iran", { x: 0, y: 3, size: 8, color: "#2f8e37" }],
]);
const meta: ExportMeta = { title: "Nexus — KOMID to Iran", query: "Paths KOMID → Bashar al-Assad, all shortest, ≤ 4 hops", url: "http://127.0.0.1:8080/#path=komid,bashar-al-assad", date: "2026-12-07T05:00:00.000Z" };

describe("edgeProvenance", () => {
  it("carries every sentence, document id and title, confidence and rule", () => {
    const p = edgeProvenance(edges[0]);
    expect(p.evidence.split(SEP)).toEqual(["KOMID shipped missile parts to Iran.", 'Iran received "parts" from KOMID.']);
    expect(p.documentIds.split(SEP)).toEqual(["d1", "d2"]);
    expect(p.documentTitles.split(SEP)).toEqual(["Briefing: the KOMID–SSRC weapons pipeline", "Sanctions note & <annex>"]);
    expect(p.rule.split(SEP)).toEqual(["supplies:active", "supplies:passive"]);
    expect(p.confidence).toBe(0.8);
    expect(p.evidenceCount).toBe(2);
    expect(p.years).toBe("2016 2017");
  });
  it("keeps the rule and count of a relation whose sentences were not fetched", () => {
    const p = edgeProvenance(edges[1]);
    expect(p.rule).toBe("finances:active");
    expect(p.evidenceCount).toBe(1);
    expect(p.evidence).toBe("");
  });
});

describe("GraphML export", () => {
  it("parses back with the provenance of every edge and the view's meta data", () => {
    const rows = exportRows(nodes, drawn, edges);
    const xml = toGraphML(rows.nodes, rows.edges, { title: meta.title, query: meta.query, url: meta.url, date: meta.date });
    const doc = new DOMParser().parseFromString(xml, "text/xml");
    const keys = new Map<string, string>();
    for (const k of Array.from(doc.getElementsByTagName("key"))) keys.set(k.getAttribute("id")!, `${k.getAttribute("for")}:${k.getAttribute("attr.name")}`);
    const dataOf = (el: Element) => Object.fromEntries(Array.from(el.getElementsByTagName("data")).map((d) => [keys.get(d.getAttribute("key")!)!, d.textContent ?? ""]));
    const graph = doc.getElementsByTagName("graph")[0];
    const g = Object.fromEntries(Array.from(graph.childNodes).filter((n) => n.nodeName === "data").map((d) => [keys.get((d as Element).getAttribute("key")!)!, d.textContent]));
    expect(g["graph:query"]).toBe(meta.query);
    expect(g["graph:date"]).toBe(meta.date);
    const es = Array.from(doc.getElementsByTagName("edge"));
    expect(es).toHaveLength(2);
    const r1 = dataOf(es.find((e) => e.getAttribute("id") === "r1")!);
    expect(r1["edge:evidence"].split(SEP)).toEqual(["KOMID shipped missile parts to Iran.", 'Iran received "parts" from KOMID.']);
    expect(r1["edge:documentTitles"].split(SEP)[1]).toBe("Sanctions note & <annex>");
    expect(r1["edge:documentIds"]).toBe(`d1${SEP}d2`);
    expect(Number(r1["edge:confidence"])).toBe(0.8);
    expect(r1["edge:rule"]).toContain("supplies:active");
    const r2 = dataOf(es.find((e) => e.getAttribute("id") === "r2")!);
    expect(r2["edge:rule"]).toBe("finances:active");
    const komid = dataOf(Array.from(doc.getElementsByTagName("node")).find((n) => n.getAttribute("id") === "komid")!);
    expect(komid["node:label"]).toBe("KOMID");
    expect(Number(komid["node:x"])).toBe(1.5);
  });
});

describe("GEXF export", () => {
  it("parses back (graphology-gexf, as Gephi reads it) with the provenance of every edge", () => {
    const rows = exportRows(nodes, drawn, edges);
    const g = new Graph({ multi: true, type: "directed" });
    g.replaceAttributes({ creator: "Nexus", description: `${meta.title}: ${meta.query} (${meta.url})`, lastModifiedDate: meta.date.slice(0, 10) });
    for (const n of rows.nodes) g.addNode(n.id, n.attrs);
    for (const e of rows.edges) g.addDirectedEdgeWithKey(e.id, e.source, e.target, e.attrs);
    const back = parseGEXF(Graph, writeGEXF(g));
    expect(back.order).toBe(2);
    expect(back.size).toBe(2);
    const a = back.getEdgeAttributes("r1");
    expect(String(a.evidence).split(SEP)).toHaveLength(2);
    expect(a.documentTitles).toContain("Sanctions note & <annex>");
    expect(Number(a.confidence)).toBe(0.8);
    expect(a.rule).toContain("supplies:passive");
    expect(String(back.getAttribute("description"))).toContain(meta.query);
    expect(back.getEdgeAttribute("r2", "rule")).toBe("finances:active");
    expect(back.source("r1")).toBe("komid");
  });
});

describe("JSON export", () => {
  it("keeps the API's shapes with full evidence and the meta data", () => {
    const back = JSON.parse(exportJSONText(meta, nodes, drawn, edges));
    expect(back.meta).toEqual(meta);
    expect(back.edges[0].evidence[1].documentTitle).toBe("Sanctions note & <annex>");
    expect(back.edges[0].properties.rule).toBe("supplies:active");
    expect(back.nodes[0]).toMatchObject({ id: "komid", x: 1.5, y: -2 });
  });
});

describe("PNG text chunks", () => {
  // a 1×1 transparent PNG
  const png = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="), (c) => c.charCodeAt(0));
  it("computes the PNG CRC", () => {
    expect(crc32(new TextEncoder().encode("IEND"))).toBe(0xae426082);
  });
  it("carries title, date and query, readable back, with the image intact", () => {
    const out = addPngText(png, { Title: meta.title, "Creation Time": meta.date, Description: meta.query, Source: meta.url });
    const text = readPngText(out);
    expect(text).toEqual({ Title: meta.title, "Creation Time": meta.date, Description: meta.query, Source: meta.url });
    expect(out.subarray(out.length - 12)).toEqual(png.subarray(png.length - 12));
    expect(readPngText(png)).toEqual({});
  });
});
