// Messages between GraphView and the layout worker (fa2.worker.ts).
import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";

export type LayoutRequest =
  | {
      type: "start";
      /** Generation: messages of older runs are ignored. */
      gen: number;
      /** graphology's node matrix (10 floats per node) and edge matrix (3 per edge), transferred. */
      nodes: ArrayBuffer;
      edges: ArrayBuffer;
      settings: ForceAtlas2Settings;
      /** Stop after this long even if not converged. */
      maxMs: number;
      /** Post positions at most this often. */
      postMs: number;
      /** Compare positions this often (and at least 3 iterations apart); two calm checks in a row end the run. */
      checkMs: number;
      /** Median movement per iteration (fraction of the extent) under which a check is calm. */
      calmMovement: number;
    }
  | { type: "stop"; gen: number };

export interface LayoutMessage {
  type: "positions" | "done";
  gen: number;
  /** x, y of each node in matrix order. */
  xy: ArrayBuffer;
  iterations: number;
  movement: number;
  converged: boolean;
  ms: number;
}
