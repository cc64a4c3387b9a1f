// ForceAtlas2 in a web worker that iterates on its own.
//
// graphology's supervisor asks for one iteration per message and applies
// every result on the main thread, so a layout advances only as fast as the
// page answers: with software WebGL, a frame of a big graph takes seconds and
// the layout crawls. Here the worker runs iterations back to back, posts the
// positions (x, y as a transferable Float32Array) a few times per second,
// and decides itself when the picture is stable.
import iterate from "graphology-layout-forceatlas2/iterate.js";
import type { LayoutRequest, LayoutMessage } from "./layoutproto";

const PPN = 10; // floats per node in graphology's node matrix

let current = 0; // generation of the running layout; 0 = none

function positions(nodes: Float32Array): Float32Array<ArrayBuffer> {
  const n = nodes.length / PPN;
  const xy = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = nodes[i * PPN];
    xy[2 * i + 1] = nodes[i * PPN + 1];
  }
  return xy;
}

/** Median displacement of a sample of nodes, as a fraction of the sample's extent. */
function movement(prev: Float32Array, now: Float32Array): number {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  const n = now.length / 2;
  const step = Math.max(1, Math.floor(n / 400));
  const moves: number[] = [];
  for (let i = 0; i < n; i += step) {
    const x = now[2 * i], y = now[2 * i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    moves.push(Math.hypot(x - prev[2 * i], y - prev[2 * i + 1]));
  }
  if (!moves.length) return 0;
  moves.sort((a, b) => a - b);
  return moves[Math.floor(moves.length / 2)] / Math.max(maxX - minX, maxY - minY, 1e-9);
}

function run(req: Extract<LayoutRequest, { type: "start" }>): void {
  const gen = req.gen;
  current = gen;
  const nodes = new Float32Array(req.nodes);
  const edges = new Float32Array(req.edges);
  const start = performance.now();
  let iterations = 0;
  let lastPost = start;
  let lastCheck = start;
  let checkedAt = 0; // iterations at the last check
  let checked = positions(nodes);
  let calm = 0;
  let moved = 1;
  const post = (m: LayoutMessage, transfer: Transferable[] = []) => postMessage(m, { transfer });
  const slice = () => {
    if (current !== gen) return;
    const sliceEnd = performance.now() + 40;
    let now = performance.now();
    // a slice of iterations, then yield so that "stop" messages get through
    do {
      iterate(req.settings, nodes, edges);
      iterations++;
      now = performance.now();
    } while (now < sliceEnd);
    let done = now - start > req.maxMs;
    let converged = false;
    if (now - lastCheck >= req.checkMs && iterations - checkedAt >= 3) {
      const xy = positions(nodes);
      // per iteration, so that a faster machine does not make "calm" harder to reach
      moved = movement(checked, xy) / (iterations - checkedAt);
      checkedAt = iterations;
      checked = xy;
      lastCheck = now;
      calm = moved < req.calmMovement ? calm + 1 : 0;
      converged = calm >= 2;
      done ||= converged;
    }
    if (done || now - lastPost >= req.postMs) {
      const xy = positions(nodes);
      lastPost = now;
      post({ type: done ? "done" : "positions", gen, xy: xy.buffer, iterations, movement: moved, converged, ms: now - start }, [xy.buffer]);
    }
    if (done) {
      current = 0;
      return;
    }
    setTimeout(slice, 0);
  };
  slice();
}

self.onmessage = (e: MessageEvent<LayoutRequest>) => {
  const m = e.data;
  if (m.type === "start") run(m);
  else if (m.type === "stop" && current === m.gen) current = 0;
};
