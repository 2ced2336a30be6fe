import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";

/** The collector serves the query API and the live socket; in dev, Vite forwards /api to it. */
const COLLECTOR = "http://127.0.0.1:4000";

export default defineConfig({
  plugins: [react()],
  // Same condition as tsc and Vitest: workspace packages resolve to their sources.
  resolve: { conditions: ["source", ...defaultClientConditions] },
  server: {
    proxy: { "/api": { target: COLLECTOR, changeOrigin: true, ws: true } },
  },
  // `vite preview` reuses server.proxy.
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: keep them in their own cacheable chunks.
        codeSplitting: {
          groups: [
            { name: "react", test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
            { name: "vendor", test: /[\\/]node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
