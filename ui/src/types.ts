// Types of the Nexus JSON API (team/API_SHAPES.md, produced from Go package graph).

/** A node: graph.Entity. */
export interface Node {
  id: string;
  name: string;
  type: string;
  aliases?: string[];
  properties?: Record<string, unknown>;
  mentions?: number;
  degree?: number;
  /** Search results: the alias, or the spelling variant of a name, that the query matched. */
  matched?: string;
  matchedBy?: "alias" | "variant";
}

/** One supporting sentence. Offsets are code-point offsets into the document text. */
export interface Evidence {
  document: string;
  documentTitle?: string;
  sentence: string;
  start: number;
  end: number;
  trigger?: string;
  triggerStart?: number;
  triggerEnd?: number;
  rule?: string;
  confidence?: number;
}

/** A typed relation: graph.Relation. */
export interface Edge {
  id: string;
  source: string;
  target: string;
  type: string;
  confidence: number;
  properties?: Record<string, unknown>;
  evidence?: Evidence[];
  evidenceCount?: number;
}

export interface Subgraph {
  nodes: Node[];
  edges: Edge[];
  truncated?: boolean;
}

/** nodes[i] -edges[i]- nodes[i+1]; an edge may be walked against its direction. */
export interface Path {
  nodes: Node[];
  edges: Edge[];
}

export interface DocumentInfo {
  id: string;
  title: string;
  path: string;
  format?: string;
  text?: string;
  chars?: number;
  ingestedAt?: string;
  entityCount?: number;
  relationCount?: number;
}

export interface EntityDetail extends Node {
  degreeByType: Record<string, number>;
  documents: DocumentInfo[];
}

export interface RelationTypeInfo {
  type: string;
  symmetric: boolean;
  weak: boolean;
  description: string;
  count?: number;
}

export interface Schema {
  entityTypes: string[];
  relationTypes: RelationTypeInfo[];
}

export interface Stats {
  documents: number;
  entities: number;
  relations: number;
  evidence: number;
  entitiesByType: Record<string, number>;
  relationsByType: Record<string, number>;
}

export interface CypherResult {
  columns: string[];
  rows: unknown[][];
  graph: Subgraph;
  truncated: boolean;
  elapsedMs: number;
}

export type PathMode = "shortest" | "all_shortest" | "k";

export interface NeighborParams {
  depth?: number;
  rel?: string[];
  types?: string[];
  direction?: "both" | "out" | "in";
  minConfidence?: number;
  limit?: number;
  includeWeak?: boolean;
}

export interface PathParams {
  from: string;
  to: string;
  mode: PathMode;
  k?: number;
  maxHops?: number;
  rel?: string[];
  minConfidence?: number;
}

export type ErrorCode =
  | "bad_request"
  | "not_found"
  | "too_large"
  | "write_refused"
  | "syntax_error"
  | "timeout"
  | "unavailable"
  | "unauthorized"
  | "disabled"
  | "rate_limited"
  | "internal"
  | "network";
