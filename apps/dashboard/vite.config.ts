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
        // The libraries every page needs change less often than the app: their own cacheable chunks.
        // No catch-all vendor chunk: it would pull Recharts (lazy, see components/LazyCharts.tsx)
        // into the first load; libraries only lazy pages use travel with those pages.
        codeSplitting: {
          groups: [
            { name: "react", test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
            { name: "query", test: /[\\/]node_modules[\\/]@tanstack[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
