// Label placement: which labels are drawn and where (a node's beside it, an
// edge's or a bundle's count on the edge), so that no two labels overlap,
// none covers another node's disc and none is cut by the canvas edge.
// Pure (the text measure is passed in), so it is unit-tested without a browser.

export interface LabelCandidate {
  key: string;
  label: string;
  /** Node centre in viewport pixels. */
  x: number;
  y: number;
  /** Node radius in viewport pixels. */
  size: number;
  /** Higher is placed first (path and selected nodes, then by size). */
  priority: number;
  /** A badge centred on (x, y) (an edge's count or type) rather than a label beside a node. */
  centred?: boolean;
  /** Other centres a badge may take when (x, y) is taken (further along its edge). */
  alts?: { x: number; y: number }[];
}

/** A drawn node's disc (viewport pixels): no label but its own may cover it. */
export interface Disc {
  key: string;
  x: number;
  y: number;
  r: number;
}

export interface PlacedLabel {
  key: string;
  label: string;
  /** Text box in viewport pixels; the text starts at x0. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Drawn on the left of its node (it would be cut on the right). */
  left: boolean;
  centred?: boolean;
}

/** Gap between a node's disc and its label, and around label boxes. */
export const LABEL_GAP = 3;

/** Where a label of width w goes beside a node: right unless it would leave the canvas. */
export function labelBox(c: Pick<LabelCandidate, "x" | "y" | "size">, w: number, fontSize: number, width: number): { x0: number; y0: number; x1: number; y1: number; left: boolean } {
  const y0 = c.y - fontSize * 0.6;
  const y1 = c.y + fontSize * 0.6;
  const rx0 = c.x + c.size + LABEL_GAP;
  if (rx0 + w <= width - 1) return { x0: rx0, y0, x1: rx0 + w, y1, left: false };
  const lx1 = c.x - c.size - LABEL_GAP;
  return { x0: lx1 - w, y0, x1: lx1, y1, left: true };
}

const overlaps = (a: { x0: number; y0: number; x1: number; y1: number }, b: { x0: number; y0: number; x1: number; y1: number }) =>
  a.x0 < b.x1 + LABEL_GAP && b.x0 < a.x1 + LABEL_GAP && a.y0 < b.y1 && b.y0 < a.y1;

/** Does the box touch the disc (a pixel of air around it)? */
export function coversDisc(b: { x0: number; y0: number; x1: number; y1: number }, d: Disc): boolean {
  const nx = Math.max(b.x0, Math.min(d.x, b.x1));
  const ny = Math.max(b.y0, Math.min(d.y, b.y1));
  return (nx - d.x) ** 2 + (ny - d.y) ** 2 < (d.r + 1) ** 2;
}

/** Discs bucketed in square cells, to find those near a box without a scan of all. */
class DiscGrid {
  private cells = new Map<number, Disc[]>();
  private readonly maxR: number;
  constructor(discs: Disc[], private readonly cell = 48) {
    let maxR = 0;
    for (const d of discs) {
      maxR = Math.max(maxR, d.r);
      const k = this.key(Math.floor(d.x / cell), Math.floor(d.y / cell));
      const l = this.cells.get(k);
      if (l) l.push(d);
      else this.cells.set(k, [d]);
    }
    this.maxR = maxR + 1;
  }
  private key(i: number, j: number): number {
    return (i + 4096) * 8192 + (j + 4096);
  }
  /** A disc other than `own` that the box covers. */
  hit(b: { x0: number; y0: number; x1: number; y1: number }, own?: string): boolean {
    const c = this.cell;
    for (let i = Math.floor((b.x0 - this.maxR) / c); i <= Math.floor((b.x1 + this.maxR) / c); i++)
      for (let j = Math.floor((b.y0 - this.maxR) / c); j <= Math.floor((b.y1 + this.maxR) / c); j++)
        for (const d of this.cells.get(this.key(i, j)) ?? []) if (d.key !== own && coversDisc(b, d)) return true;
    return false;
  }
}

/**
 * Greedy placement by priority: each label goes right of its node, or left
 * when the right would leave the canvas; a centred badge at its centre or,
 * when that is taken, at one of its other centres. A label is dropped when
 * it would overlap a label already placed, cover a disc other than its own
 * node's, or leave the canvas, wherever it goes.
 */
export function placeLabels(cands: LabelCandidate[], measure: (text: string) => number, fontSize: number, width: number, height: number, discs: Disc[] = []): PlacedLabel[] {
  const order = [...cands].filter((c) => c.label).sort((a, b) => b.priority - a.priority || a.key.localeCompare(b.key));
  const grid = discs.length ? new DiscGrid(discs) : null;
  const placed: PlacedLabel[] = [];
  const free = (b: { x0: number; y0: number; x1: number; y1: number }, own?: string) =>
    b.x0 >= 0 && b.x1 <= width && b.y0 >= 0 && b.y1 <= height && !placed.some((p) => overlaps(p, b)) && !grid?.hit(b, own);
  for (const c of order) {
    const w = measure(c.label);
    if (c.centred) {
      for (const at of [{ x: c.x, y: c.y }, ...(c.alts ?? [])]) {
        const b = { x0: at.x - w / 2 - LABEL_GAP, y0: at.y - fontSize * 0.6, x1: at.x + w / 2 + LABEL_GAP, y1: at.y + fontSize * 0.6, left: false, centred: true };
        if (!free(b)) continue;
        placed.push({ key: c.key, label: c.label, ...b });
        break;
      }
      continue;
    }
    const first = labelBox(c, w, fontSize, width);
    // the left side may be free when the right one is taken
    const tries = first.left ? [first] : [first, labelBox(c, w, fontSize, -Infinity)];
    for (const b of tries) {
      if (!free(b, c.key)) continue;
      placed.push({ key: c.key, label: c.label, ...b });
      break;
    }
  }
  return placed;
}
