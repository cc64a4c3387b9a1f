// Node label placement: which labels are drawn and on which side of their
// node, so that no two labels overlap and none is cut by the canvas edge.
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
  /** A badge centred on (x, y) (an edge's count) rather than a label beside a node. */
  centred?: boolean;
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

/**
 * Greedy placement by priority: each label goes right of its node, or left
 * when the right would leave the canvas; it is dropped when it would
 * overlap a label already placed or leave the canvas either way.
 */
export function placeLabels(cands: LabelCandidate[], measure: (text: string) => number, fontSize: number, width: number, height: number): PlacedLabel[] {
  const order = [...cands].filter((c) => c.label).sort((a, b) => b.priority - a.priority || a.key.localeCompare(b.key));
  const placed: PlacedLabel[] = [];
  for (const c of order) {
    const w = measure(c.label);
    if (c.centred) {
      const b = { x0: c.x - w / 2 - LABEL_GAP, y0: c.y - fontSize * 0.6, x1: c.x + w / 2 + LABEL_GAP, y1: c.y + fontSize * 0.6, left: false, centred: true };
      if (b.x0 >= 0 && b.x1 <= width && b.y0 >= 0 && b.y1 <= height && !placed.some((p) => overlaps(p, b))) placed.push({ key: c.key, label: c.label, ...b });
      continue;
    }
    const first = labelBox(c, w, fontSize, width);
    // the left side may be free when the right one is taken
    const tries = first.left ? [first] : [first, labelBox(c, w, fontSize, -Infinity)];
    for (const b of tries) {
      if (b.x0 < 0 || b.x1 > width || b.y0 < 0 || b.y1 > height) continue;
      if (placed.some((p) => overlaps(p, b))) continue;
      placed.push({ key: c.key, label: c.label, ...b });
      break;
    }
  }
  return placed;
}
