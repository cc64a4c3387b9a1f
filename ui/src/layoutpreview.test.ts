import { describe, expect, it } from "vitest";
import { fitPoints } from "./layoutpreview";

describe("fitPoints", () => {
  it("puts the points' box inside the canvas less the margin, centred, y upwards", () => {
    const xy = new Float32Array([-10, -5, 30, 15, 0, 0]);
    const { scale, dx, dy } = fitPoints(xy, 400, 300, 20);
    const sx = (x: number) => dx + x * scale;
    const sy = (y: number) => dy - y * scale;
    // width 40 → 360 px, height 20 → 260 px: width decides
    expect(scale).toBeCloseTo(9);
    expect(sx(-10)).toBeCloseTo(20);
    expect(sx(30)).toBeCloseTo(380);
    // the highest point is drawn above the lowest
    expect(sy(15)).toBeLessThan(sy(-5));
    expect((sy(15) + sy(-5)) / 2).toBeCloseTo(150);
  });
  it("copes with one point", () => {
    const { scale, dx, dy } = fitPoints(new Float32Array([3, 4]), 100, 100, 10);
    expect(Number.isFinite(scale) && Number.isFinite(dx) && Number.isFinite(dy)).toBe(true);
    expect(dx + 3 * scale).toBeCloseTo(50);
  });
});
