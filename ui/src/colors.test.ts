import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contrast, ENTITY_COLORS, EXTRA_COLORS, RELATION_COLORS, RELATION_FAMILIES, relationFamily } from "./colors";

/** The themes' canvas background (--bg) as the style sheet declares them. */
function backgrounds(): { light: string; dark: string } {
  const css = readFileSync(new URL("./style.css", import.meta.url), "utf8");
  const light = /:root\s*\{[^}]*--bg:\s*(#[0-9a-f]{6})/i.exec(css)?.[1];
  const dark = /\[data-theme="dark"\]\s*\{[^}]*--bg:\s*(#[0-9a-f]{6})/i.exec(css)?.[1];
  if (!light || !dark) throw new Error("style.css lacks --bg for a theme");
  return { light, dark };
}

/** CIE L*a*b* of a #rrggbb colour (D65), for colour differences. */
function lab(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
const deltaE = (a: string, b: string) => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]));

describe("palette", () => {
  const bg = backgrounds();
  const all = { ...Object.fromEntries(Object.entries(RELATION_COLORS).map(([k, v]) => [`relation ${k}`, v])), ...Object.fromEntries(Object.entries(ENTITY_COLORS).map(([k, v]) => [`entity ${k}`, v])), ...Object.fromEntries(EXTRA_COLORS.map((c, i) => [`extra ${i}`, c])) };

  it("knows both backgrounds", () => {
    expect(bg.light.toLowerCase()).toBe("#ffffff");
    expect(contrast(bg.light, bg.dark)).toBeGreaterThan(15);
  });

  for (const [name, color] of Object.entries(all)) {
    it(`${name} (${color}) has contrast ≥ 3:1 on the light and the dark theme`, () => {
      expect(contrast(color, bg.light)).toBeGreaterThanOrEqual(3);
      expect(contrast(color, bg.dark)).toBeGreaterThanOrEqual(3);
    });
  }

  it("computes WCAG contrast as published (black on white is 21:1, #767676 on white 4.54:1)", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
  });

  it("relation colours are distinct (ΔE76 ≥ 14, ≥ 9 between the two weak greys) and unique", () => {
    const entries = Object.entries(RELATION_COLORS);
    expect(new Set(entries.map(([, c]) => c.toLowerCase())).size).toBe(entries.length);
    for (let i = 0; i < entries.length; i++)
      for (let j = i + 1; j < entries.length; j++) {
        const [a, ca] = entries[i];
        const [b, cb] = entries[j];
        const weak = relationFamily(a) === "Weak ties" && relationFamily(b) === "Weak ties";
        expect(deltaE(ca, cb), `${a} vs ${b}`).toBeGreaterThanOrEqual(weak ? 9 : 14);
      }
  });

  it("every relation type is in exactly one family", () => {
    const types = RELATION_FAMILIES.flatMap((f) => f.types);
    expect(new Set(types).size).toBe(types.length);
    expect([...types].sort()).toEqual(Object.keys(RELATION_COLORS).sort());
    expect(relationFamily("SUPPLIES")).toBe("Transfers and money");
    expect(relationFamily("NEW_TYPE")).toBe("Other");
  });
});
