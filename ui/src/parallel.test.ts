import { describe, expect, it } from "vitest";
import { bundleLabel, bundleParallel, COLLAPSE_AT, isBundle, pairKey } from "./parallel";
import type { Edge } from "./types";

const e = (id: string, source: string, target: string, type = "SUPPLIES", confidence = 0.5): Edge => ({ id, source, target, type, confidence });

describe("bundleParallel", () => {
  const many = [e("1", "syria", "north-korea"), e("2", "north-korea", "syria", "COOPERATES_WITH", 0.9), e("3", "syria", "north-korea", "TRADES_WITH"), e("4", "syria", "north-korea")];
  it("draws a group of parallel edges as one bundle with its count", () => {
    const { single, bundles } = bundleParallel([...many, e("5", "iran", "syria")], new Set());
    expect(single.map((x) => x.id)).toEqual(["5"]);
    expect(bundles).toHaveLength(1);
    const [b] = bundles;
    expect(isBundle(b.id)).toBe(true);
    expect(b.members).toHaveLength(4);
    expect(b.oneWay).toBe(false);
    expect(b.confidence).toBe(0.9);
    expect(b.types[0]).toEqual(["SUPPLIES", 2]);
    expect(bundleLabel(b)).toBe("4 relations: SUPPLIES ×2, COOPERATES_WITH, TRADES_WITH");
  });
  it("keeps small groups, expanded pairs and groups on a highlighted path apart", () => {
    expect(bundleParallel(many.slice(0, COLLAPSE_AT - 1), new Set()).bundles).toHaveLength(0);
    expect(bundleParallel(many, new Set([pairKey("syria", "north-korea")])).single).toHaveLength(4);
    expect(bundleParallel(many, new Set(), new Set(["3"])).single).toHaveLength(4);
  });
  it("keeps the direction of a one-way group", () => {
    const [b] = bundleParallel([e("1", "z", "a"), e("2", "z", "a"), e("3", "z", "a")], new Set()).bundles;
    expect(b.oneWay).toBe(true);
    expect([b.source, b.target]).toEqual(["z", "a"]);
  });
});
