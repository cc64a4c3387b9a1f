// graphology-layout-forceatlas2 ships its single-iteration function without types.
declare module "graphology-layout-forceatlas2/iterate.js" {
  /** One ForceAtlas2 iteration over graphology's node and edge matrices (mutates nodes). */
  export default function iterate(settings: Record<string, unknown>, nodes: Float32Array, edges: Float32Array): void;
}

// Unit tests read files beside them with Node's fs (no @types/node here).
declare module "node:fs" {
  export function readFileSync(path: URL | string, encoding: "utf8"): string;
}
