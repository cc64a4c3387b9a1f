import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { brotliCompressSync, brotliDecompressSync, constants } from "node:zlib";
import { defineConfig } from "vitest/config";

/** Text files the server sends compressed (api/static.go's compressible). */
const TEXT = /\.(js|mjs|css|html|svg|json|map|txt|xml)$/i;

/**
 * Writes NAME.br beside each text file of dist that Brotli shrinks (quality
 * 11, the most it does; the server sends these as they are to browsers that
 * accept br). Node's own zlib: no package, no Go module. Each is decoded
 * back and compared before it is kept.
 */
function brotliFiles(dir: string): void {
  for (const name of readdirSync(dir)) {
    const f = join(dir, name);
    if (statSync(f).isDirectory()) {
      brotliFiles(f);
      continue;
    }
    if (!TEXT.test(name)) continue;
    const raw = readFileSync(f);
    if (raw.length < 512) continue;
    const br = brotliCompressSync(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    });
    if (!brotliDecompressSync(br).equals(raw)) throw new Error(`brotli round trip of ${f} failed`);
    if (br.length < raw.length) writeFileSync(f + ".br", br);
  }
}
// The viewer is served by the Go binary at "/", the API under "/api".
// `npm run dev` proxies /api to NEXUS_URL (a running `nexus serve`).
export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  plugins: [
    {
      // dist/.keep is committed so that go:embed finds the folder on a fresh clone
      name: "keep-dist",
      closeBundle() {
        writeFileSync("dist/.keep", "");
      },
    },
    (() => {
      let outDir = "dist";
      return {
        name: "brotli",
        apply: "build" as const,
        configResolved(c: { root: string; build: { outDir: string } }) {
          outDir = resolve(c.root, c.build.outDir);
        },
        closeBundle() {
          brotliFiles(outDir);
        },
      };
    })(),
  ],
  server: {
    proxy: {
      "/api": process.env.NEXUS_URL ?? "http://127.0.0.1:8080",
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
