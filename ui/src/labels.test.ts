import { describe, expect, it } from "vitest";
import { coversDisc, labelBox, placeLabels, type LabelCandidate } from "./labels";

const measure = (s: string) => s.length * 7;
const cand = (key: string, x: number, y: number, priority = 1, label = key): LabelCandidate => ({ key, label, x, y, size: 5, priority });

describe("placeLabels", () => {
  it("drops the lower-priority one of two overlapping labels", () => {
    const out = placeLabels([cand("Iran", 100, 100, 1), cand("Syria", 104, 102, 5)], measure, 12, 800, 600);
    expect(out.map((p) => p.key)).toEqual(["Syria", "Iran"].slice(0, out.length));
    expect(out[0].key).toBe("Syria");
    for (const a of out) for (const b of out) if (a !== b) expect(a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0).toBe(true);
  });
  it("puts the second label on the left of its node when the right is taken", () => {
    const out = placeLabels([cand("AAAA", 100, 100, 2), cand("BBBB", 140, 100, 1)], measure, 12, 800, 600);
    expect(out).toHaveLength(2);
    expect(out.find((p) => p.key === "BBBB")!.left).toBe(false);
  });
  it("flips a label on the left near the right edge instead of cutting it", () => {
    const [p] = placeLabels([cand("UN Security Council", 780, 100)], measure, 12, 800, 600);
    expect(p.left).toBe(true);
    expect(p.x1).toBeLessThanOrEqual(780);
    expect(p.x0).toBeGreaterThanOrEqual(0);
  });
  it("keeps every placed label inside the canvas and apart", () => {
    const cands = Array.from({ length: 200 }, (_, i) => cand(`node ${i}`, (i * 37) % 800, (i * 53) % 600, i % 7));
    const out = placeLabels(cands, measure, 12, 800, 600);
    expect(out.length).toBeGreaterThan(10);
    for (const p of out) {
      expect(p.x0).toBeGreaterThanOrEqual(0);
      expect(p.x1).toBeLessThanOrEqual(800);
    }
    for (let i = 0; i < out.length; i++)
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i], b = out[j];
        expect(a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0, `${a.key} overlaps ${b.key}`).toBe(true);
      }
  });
  it("places a centred badge and keeps node labels off it", () => {
    const out = placeLabels([{ key: "bundle", label: "×3", x: 120, y: 100, size: 0, priority: 1500, centred: true }, cand("Iran", 100, 100, 1)], measure, 12, 800, 600);
    const badge = out.find((p) => p.key === "bundle")!;
    expect(badge.x0).toBeLessThan(120);
    expect(badge.x1).toBeGreaterThan(120);
    const iran = out.find((p) => p.key === "Iran");
    if (iran) expect(iran.x1 <= badge.x0 || badge.x1 <= iran.x0).toBe(true);
  });
  it("keeps a label off other nodes' discs, on either side", () => {
    // Iran's label would run over Syria's disc on the right: it goes left
    const discs = [{ key: "Iran", x: 100, y: 100, r: 5 }, { key: "Syria", x: 130, y: 100, r: 8 }];
    const out = placeLabels([cand("Iran", 100, 100)], measure, 12, 800, 600, discs);
    expect(out).toHaveLength(1);
    expect(out[0].left).toBe(true);
    expect(coversDisc(out[0], discs[1])).toBe(false);
    // with discs on both sides it is not drawn
    discs.push({ key: "Iraq", x: 75, y: 100, r: 8 });
    expect(placeLabels([cand("Iran", 100, 100)], measure, 12, 800, 600, discs)).toEqual([]);
  });
  it("moves a badge along its edge when its middle is on a disc", () => {
    const badge: LabelCandidate = { key: "e", label: "×4", x: 200, y: 100, size: 0, priority: 1500, centred: true, alts: [{ x: 170, y: 100 }, { x: 230, y: 100 }] };
    const disc = { key: "Syria", x: 203, y: 98, r: 9 };
    const [p] = placeLabels([badge], measure, 12, 800, 600, [disc]);
    expect(p.x0 + (p.x1 - p.x0) / 2).toBe(170);
    expect(coversDisc(p, disc)).toBe(false);
  });
  it("skips empty labels", () => {
    expect(placeLabels([cand("x", 10, 10, 1, "")], measure, 12, 800, 600)).toEqual([]);
  });
});

describe("labelBox", () => {
  it("goes right of the node by default", () => {
    const b = labelBox({ x: 10, y: 50, size: 4 }, 30, 10, 800);
    expect(b.left).toBe(false);
    expect(b.x0).toBeGreaterThan(14);
  });
});
