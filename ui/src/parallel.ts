// Parallel relations: edges that join the same two entities. Two or more
// drawn between one pair would be stacked curves whose labels cannot be
// read, so they are drawn as one edge with a count until the analyst
// expands the pair (click) or a highlighted path runs through it.
import type { Edge } from "./types";

/** Groups of this many parallel edges or more are drawn as one. */
export const COLLAPSE_AT = 2;

/** The unordered pair of an edge's ends, as a key. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0001${b}` : `${b}\u0001${a}`;
}

/** The drawn edge that stands for a collapsed group. */
export interface Bundle {
  id: string;
  /** The pair's ends (lower id first). */
  source: string;
  target: string;
  members: Edge[];
  /** Every member runs source → target (or every one target → source). */
  oneWay: boolean;
  /** The members' types, most frequent first, with counts. */
  types: [string, number][];
  confidence: number;
}

export const BUNDLE_PREFIX = "bundle:";

export function bundleId(key: string): string {
  return BUNDLE_PREFIX + key;
}

export function isBundle(id: string): boolean {
  return id.startsWith(BUNDLE_PREFIX);
}

/**
 * Splits edges into those drawn one by one and bundles. A group is bundled
 * when it has COLLAPSE_AT edges or more, its pair is not expanded and none
 * of its edges is in keep (a highlighted path).
 */
export function bundleParallel(edges: Edge[], expanded: ReadonlySet<string>, keep: ReadonlySet<string> = new Set()): { single: Edge[]; bundles: Bundle[] } {
  const groups = new Map<string, Edge[]>();
  for (const e of edges) {
    const k = pairKey(e.source, e.target);
    const g = groups.get(k);
    if (g) g.push(e);
    else groups.set(k, [e]);
  }
  const single: Edge[] = [];
  const bundles: Bundle[] = [];
  for (const [k, g] of groups) {
    if (g.length < COLLAPSE_AT || expanded.has(k) || g.some((e) => keep.has(e.id))) {
      single.push(...g);
      continue;
    }
    const [a, b] = k.split("\u0001");
    const counts = new Map<string, number>();
    for (const e of g) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
    const forward = g.every((e) => e.source === a);
    const backward = g.every((e) => e.source === b);
    bundles.push({
      id: bundleId(k),
      source: backward ? b : a,
      target: backward ? a : b,
      members: g,
      oneWay: forward || backward,
      types: [...counts.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])),
      confidence: Math.max(...g.map((e) => e.confidence ?? 0)),
    });
  }
  return { single, bundles };
}

/** "3 relations: SUPPLIES ×2, FINANCES". */
export function bundleLabel(b: Pick<Bundle, "members" | "types">): string {
  return `${b.members.length} relations: ${b.types.map(([t, n]) => (n > 1 ? `${t} ×${n}` : t)).join(", ")}`;
}
