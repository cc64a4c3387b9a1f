// What is drawn on the viewer's canvas, read in the page: shared by the
// end-to-end tests (run.mjs) and the README screenshots (screenshots.mjs).

/**
 * What is drawn on the canvas: a screenshot of the sigma container (tooltips,
 * toasts and help hidden), decoded in the page, and the number of pixels
 * that differ from the page background.
 */
export async function graphPixels(p) {
  await p.evaluate(() => {
    for (const el of document.querySelectorAll("#toasts, #help, #edge-tip")) el.style.visibility = "hidden";
  });
  // two frames: sigma draws on the next animation frame
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const png = await p.locator("#sigma").screenshot();
  const n = await p.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const img = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
    const c = new OffscreenCanvas(img.width, img.height);
    const ctx = c.getContext("2d");
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, img.width, img.height).data;
    const probe = document.createElement("div");
    probe.style.color = getComputedStyle(document.body).getPropertyValue("--bg");
    document.body.append(probe);
    const [r, g, b] = getComputedStyle(probe).color.match(/\d+/g).map(Number);
    probe.remove();
    let count = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) > 60) count++;
    return { count, total: d.length / 4 };
  }, png.toString("base64"));
  await p.evaluate(() => {
    for (const el of document.querySelectorAll("#toasts, #help, #edge-tip")) el.style.visibility = "";
  });
  return n;
}

/** Rectangles (client pixels) of the visible overlays a node must not be under. */
export const overlayRects = (p) =>
  p.evaluate(() =>
    [...document.querySelectorAll("#hint, #help, #right, #left, #console, #top, .modal")]
      .filter((el) => !el.hidden && el.getClientRects().length)
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { id: el.id || el.className, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }),
  );

/** Client positions, radii and label boxes of nodes, and the canvas rectangle. */
export const nodeBoxes = (p, ids) =>
  p.evaluate((ids) => {
    const v = window.__nexus.view;
    const c = v.sigma.getContainer().getBoundingClientRect();
    const labels = new Map(v.placedLabels.map((l) => [l.key, l]));
    return {
      canvas: { left: c.left, top: c.top, right: c.right, bottom: c.bottom },
      nodes: ids.map((id) => {
        const d = v.sigma.getNodeDisplayData(id);
        const p = v.sigma.framedGraphToViewport(d);
        const l = labels.get(id);
        return { id, x: c.left + p.x, y: c.top + p.y, r: v.sigma.scaleSize(d.size), label: l ? { left: c.left + l.x0, right: c.left + l.x1 } : null };
      }),
    };
  }, ids);

/**
 * The label layer as drawn: each placed label's box (node labels recomputed
 * from the node's drawn disc and the text's measured width), every node's
 * disc, and the pixels of the label canvases (the viewer's, and sigma's own
 * for edge labels): how many inked pixels lie outside
 * every box (text or badge drawn where no box says) and, per box, how many
 * inside (a box with nothing drawn in it). Viewport pixels of the canvas.
 */
export const labelLayer = (p) =>
  p.evaluate(() => {
    const v = window.__nexus.view;
    const { width, height } = v.sigma.getDimensions();
    const s = v.sigma.getSettings();
    const ctx = document.createElement("canvas").getContext("2d");
    ctx.font = `${s.labelWeight} ${s.labelSize}px ${s.labelFont}`;
    const discs = [];
    v.graph.forEachNode((id) => {
      const d = v.sigma.getNodeDisplayData(id);
      if (!d || d.hidden) return;
      const q = v.sigma.framedGraphToViewport(d);
      discs.push({ key: id, x: q.x, y: q.y, r: v.sigma.scaleSize(d.size) });
    });
    const discOf = new Map(discs.map((d) => [d.key, d]));
    const boxes = v.placedLabels.map((l) => {
      const w = ctx.measureText(l.label).width;
      if (l.centred) return { key: l.key, label: l.label, centred: true, x0: l.x0, x1: l.x1, y0: l.y0, y1: l.y1, ok: Math.abs(l.x1 - l.x0 - w - 6) < 1.5 };
      const d = discOf.get(l.key);
      const x0 = l.left ? d.x - d.r - 3 - w : d.x + d.r + 3;
      return { key: l.key, label: l.label, x0, x1: x0 + w, y0: d.y - s.labelSize * 0.6, y1: d.y + s.labelSize * 0.6, ok: Math.abs(x0 - l.x0) < 1.5 };
    });
    // sigma's own edge-label canvas counts too: text drawn there was placed by nobody
    const layers = ["labels", "edgeLabels"].map((k) => v.sigma.getCanvases()[k]).filter(Boolean);
    // a badge's frame is stroked 1.5 px wide around its box, text antialiasing spills a pixel
    const pad = (b) => (b.centred ? 3 : 2);
    const inside = boxes.map(() => 0);
    let outside = 0;
    const stray = [];
    for (const canvas of layers) {
      const ratio = canvas.width / width;
      const px = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      for (let y = 0; y < canvas.height; y++)
        for (let x = 0; x < canvas.width; x++) {
          if (px[(y * canvas.width + x) * 4 + 3] < 40) continue;
          const cx = x / ratio, cy = y / ratio;
          let hit = false;
          boxes.forEach((b, i) => {
            if (cx >= b.x0 - pad(b) && cx <= b.x1 + pad(b) && cy >= b.y0 - pad(b) && cy <= b.y1 + pad(b)) {
              inside[i]++;
              hit = true;
            }
          });
          if (!hit) {
            outside++;
            if (stray.length < 5) stray.push([Math.round(cx), Math.round(cy)]);
          }
        }
    }
    const c = v.sigma.getContainer().getBoundingClientRect();
    return { width, height, canvasRect: { left: c.left, top: c.top }, boxes: boxes.map((b, i) => ({ ...b, ink: inside[i] })), discs, outside, stray };
  });

/** Problems with a label layer: overlaps, covered discs, boxes off the canvas or under an overlay, ink astray. */
export function labelProblems(layer, overlays = []) {
  const bad = [];
  const { boxes, discs, width, height, canvasRect } = layer;
  for (const b of boxes) {
    if (!b.ok) bad.push(`${b.key}: drawn label not where its node or edge puts it`);
    if (b.ink < 10) bad.push(`${b.key} (${b.label}): nothing drawn in its box`);
    if (b.x0 < 0 || b.x1 > width || b.y0 < 0 || b.y1 > height) bad.push(`${b.label} leaves the canvas`);
    for (const d of discs) {
      if (d.key === b.key) continue;
      const nx = Math.max(b.x0, Math.min(d.x, b.x1)), ny = Math.max(b.y0, Math.min(d.y, b.y1));
      if ((nx - d.x) ** 2 + (ny - d.y) ** 2 < d.r ** 2) bad.push(`${b.label} covers the disc of ${d.key}`);
    }
    for (const o of overlays) {
      const l = canvasRect.left + b.x0, r = canvasRect.left + b.x1, t = canvasRect.top + b.y0, btm = canvasRect.top + b.y1;
      if (l < o.right && o.left < r && t < o.bottom && o.top < btm) bad.push(`${b.label} is under ${o.id}`);
    }
  }
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (!(a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0)) bad.push(`${a.label} overlaps ${b.label}`);
    }
  if (layer.outside > 0) bad.push(`${layer.outside} label pixels drawn outside every label box, e.g. at ${JSON.stringify(layer.stray)}`);
  return bad;
}
