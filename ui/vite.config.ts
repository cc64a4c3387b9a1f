import { defineConfig } from "vitest/config";

// The viewer is served by the Go binary at "/", the API under "/api".
// `npm run dev` proxies /api to NEXUS_URL (a running `nexus serve`).
export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: false, // keep dist/.keep for go:embed on fresh clones
    assetsDir: "assets",
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
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
