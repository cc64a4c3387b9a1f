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
