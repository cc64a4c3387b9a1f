// What an export says about each relation and about itself: the evidence
// sentences with their documents (titles and ids), confidence and rule on
// every edge, and the title, date and query of the view. Pure, so the
// exports built from it are unit-tested by parsing them back.
import type { Edge, Evidence, Node } from "./types";

/** What produced the exported view. */
export interface ExportMeta {
  title: string;
  /** The query in words ("Paths KOMID → Bashar al-Assad, all shortest, ≤ 4 hops"). */
  query: string;
  /** The link that reproduces the view. */
  url: string;
  /** ISO 8601 time of the export. */
  date: string;
}

/** Separates sentences and titles in one flat attribute (GraphML, GEXF). */
export const SEP = " ‖ ";

/** A relation's provenance as flat attributes every graph format can carry. */
export interface EdgeProvenance extends Record<string, string | number> {
  type: string;
  confidence: number;
  rule: string;
  evidenceCount: number;
  evidence: string;
  documentIds: string;
  documentTitles: string;
  years: string;
}

const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];

export function edgeProvenance(e: Edge): EdgeProvenance {
  const ev: Evidence[] = e.evidence ?? [];
  const rules = uniq([typeof e.properties?.["rule"] === "string" ? (e.properties["rule"] as string) : "", ...ev.map((x) => x.rule ?? "")].filter(Boolean));
  return {
    type: e.type,
    confidence: e.confidence ?? 0,
    rule: rules.join(SEP),
    evidenceCount: Math.max(e.evidenceCount ?? 0, ev.length),
    evidence: ev.map((x) => x.sentence.replace(/\s+/g, " ").trim()).join(SEP),
    documentIds: uniq(ev.map((x) => x.document)).join(SEP),
    documentTitles: uniq(ev.map((x) => x.documentTitle || x.document)).join(SEP),
    years: Array.isArray(e.properties?.["years"]) ? (e.properties["years"] as unknown[]).join(" ") : "",
  };
}

export interface ExportNodeRow {
  id: string;
  attrs: Record<string, string | number>;
}
export interface ExportEdgeRow extends ExportNodeRow {
  source: string;
  target: string;
  attrs: EdgeProvenance & Record<string, string | number>;
}

/** Drawn position, size and colour of a node. */
export interface Drawn {
  x: number;
  y: number;
  size: number;
  color: string;
}

/** Rows of the exported graph: every drawn node, every relation with its provenance. */
export function exportRows(nodes: Node[], drawn: Map<string, Drawn>, edges: Edge[]): { nodes: ExportNodeRow[]; edges: ExportEdgeRow[] } {
  return {
    nodes: nodes.map((n) => {
      const d = drawn.get(n.id);
      return {
        id: n.id,
        attrs: {
          label: n.name,
          type: n.type,
          aliases: (n.aliases ?? []).join(SEP),
          degree: n.degree ?? 0,
          x: d?.x ?? 0,
          y: d?.y ?? 0,
          size: d?.size ?? 1,
          color: d?.color ?? "#888888",
        },
      };
    }),
    edges: edges.map((e) => ({ id: e.id, source: e.source, target: e.target, attrs: { label: e.type, ...edgeProvenance(e) } })),
  };
}

/** The JSON export: the API's own shapes with positions, the full evidence and the meta data. */
export function exportJSONText(meta: ExportMeta, nodes: Node[], drawn: Map<string, Drawn>, edges: Edge[]): string {
  return JSON.stringify(
    {
      meta,
      nodes: nodes.map((n) => ({ ...n, ...(drawn.get(n.id) ?? {}) })),
      edges,
    },
    null,
    2,
  );
}
