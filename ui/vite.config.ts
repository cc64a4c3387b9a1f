import { writeFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

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
