// A light picture of a big layout while it runs.
//
// Giving sigma new positions makes it re-index every node and edge (its
// process step), which at 10k nodes / 50k edges blocks the page for most of
// a second and takes the CPU from the layout worker. While such a layout
// runs, the worker's positions are drawn instead as dots on a 2D canvas over
// the graph (a few milliseconds for 10k nodes); sigma gets the positions
// once, when the layout stops, and the canvas goes away.

/** Node positions (x, y pairs in the worker's order) fitted into a w × h box with a margin; y grows upwards as in sigma. */
export function fitPoints(xy: Float32Array, w: number, h: number, margin: number): { scale: number; dx: number; dy: number } {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i], y = xy[i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (!(maxX >= minX)) return { scale: 1, dx: w / 2, dy: h / 2 };
  const scale = Math.min((w - 2 * margin) / Math.max(maxX - minX, 1e-9), (h - 2 * margin) / Math.max(maxY - minY, 1e-9));
  // screen x = dx + x·scale, screen y = dy − y·scale (centred)
  return { scale, dx: w / 2 - ((minX + maxX) / 2) * scale, dy: h / 2 + ((minY + maxY) / 2) * scale };
}

export class LayoutPreview {
  private canvas: HTMLCanvasElement | null = null;
  /** Node indices by colour, so that each colour is set once per picture. */
  private byColor = new Map<string, number[]>();
  private pending: Float32Array | null = null;
  private frame = 0;

  constructor(private readonly container: HTMLElement) {}

  get active(): boolean {
    return this.canvas !== null;
  }

  /** Covers the graph with the preview; colors[i] is the colour of the worker's node i. */
  show(colors: string[], background: string): void {
    this.hide();
    this.byColor.clear();
    colors.forEach((c, i) => {
      const list = this.byColor.get(c);
      if (list) list.push(i);
      else this.byColor.set(c, [i]);
    });
    const c = document.createElement("canvas");
    c.className = "layout-preview";
    c.dataset.testid = "layout-preview";
    c.setAttribute("aria-hidden", "true");
    c.style.cssText = `position:absolute;inset:0;width:100%;height:100%;pointer-events:none;z-index:5;background:${background}`;
    this.container.appendChild(c);
    this.canvas = c;
  }

  /** Draws these positions at the next frame (only the latest of several is drawn). */
  draw(xy: Float32Array): void {
    if (!this.canvas) return;
    this.pending = xy;
    if (!this.frame) this.frame = requestAnimationFrame(() => this.paint());
  }

  private paint(): void {
    this.frame = 0;
    const c = this.canvas;
    const xy = this.pending;
    if (!c || !xy) return;
    const dpr = window.devicePixelRatio || 1;
    const w = this.container.clientWidth, h = this.container.clientHeight;
    if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
      c.width = Math.round(w * dpr);
      c.height = Math.round(h * dpr);
    }
    const ctx = c.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const { scale, dx, dy } = fitPoints(xy, w, h, 40);
    for (const [color, idx] of this.byColor) {
      ctx.fillStyle = color;
      for (const i of idx) ctx.fillRect(dx + xy[2 * i] * scale - 1.5, dy - xy[2 * i + 1] * scale - 1.5, 3, 3);
    }
  }

  hide(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.pending = null;
    this.canvas?.remove();
    this.canvas = null;
  }
}
