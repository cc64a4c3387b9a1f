// Headless Debian Chromium driven by playwright-core (no browser download).
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/**
 * Graphics flags. Default: no GPU process work beyond WebGL through
 * SwiftShader (software), since the box has no GPU. CHROMIUM_GL_ARGS
 * (space-separated) replaces them, to try other paths in the bench.
 */
export const GL_ARGS = process.env.CHROMIUM_GL_ARGS
  ? process.env.CHROMIUM_GL_ARGS.split(" ").filter(Boolean)
  : ["--disable-gpu", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"];

/** Launches Chromium with a fresh profile; close() removes it. */
export async function launch({ width = 1440, height = 900 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "nexus-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width, height },
    args: [
      "--no-sandbox",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...GL_ARGS,
    ],
  });
  return {
    context,
    profile,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
