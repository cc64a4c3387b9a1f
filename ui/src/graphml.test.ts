import { describe, expect, it } from "vitest";
import { toGraphML } from "./graphml";

describe("toGraphML", () => {
  it("declares typed keys and escapes values", () => {
    const xml = toGraphML(
      [
        { id: "komid", attrs: { label: "KOMID", degree: 3, x: 1.5 } },
        { id: "a&b", attrs: { label: `Tom "T" <x>`, degree: 1, x: 2 } },
      ],
      [{ id: "r1", source: "komid", target: "a&b", attrs: { type: "SUPPLIES", confidence: 0.9 } }],
    );
    expect(xml).toContain(`<key id="n0" for="node" attr.name="label" attr.type="string"/>`);
    expect(xml).toContain(`<key id="n1" for="node" attr.name="degree" attr.type="long"/>`);
    expect(xml).toContain(`<key id="n2" for="node" attr.name="x" attr.type="double"/>`);
    expect(xml).toContain(`<node id="a&amp;b"><data key="n0">Tom &quot;T&quot; &lt;x&gt;</data>`);
    expect(xml).toContain(`<edge id="r1" source="komid" target="a&amp;b"><data key="e0">SUPPLIES</data><data key="e1">0.9</data></edge>`);
    expect(xml.startsWith("<?xml")).toBe(true);
  });
});
