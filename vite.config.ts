import { defineConfig } from "vitest/config";

// The UI lives in ui/; Tauri serves the built files from dist/ (tauri.conf.json).
export default defineConfig({
  root: "ui",
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    target: "safari16",
  },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.ts"],
  },
});
