import { readdir, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

export interface BundleSize {
  /** JS and CSS the overview loads before its first render (everything but lazily loaded chunks), bytes. */
  initialBytes: number;
  initialGzipBytes: number;
  /** Every JS and CSS file of the build. */
  totalBytes: number;
  files: number;
}

/** The built dashboard (apps/dashboard/dist), found through the workspace. */
export function dashboardDistDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve("@closewatch/dashboard/package.json")), "dist");
}

/**
 * Sizes of the dashboard build. "Initial" is what index.html references
 * (its module script, modulepreloads and stylesheets); lazily imported
 * pages are not in it.
 */
export async function measureBundle(dist = dashboardDistDir()): Promise<BundleSize> {
  const html = await readFile(join(dist, "index.html"), "utf8");
  const initial = new Set([...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!));
  const assets = (await readdir(join(dist, "assets"))).filter((f) => /\.(js|css)$/.test(f));
  let initialBytes = 0;
  let initialGzipBytes = 0;
  let totalBytes = 0;
  for (const file of assets) {
    const path = join(dist, "assets", file);
    totalBytes += (await stat(path)).size;
    if (initial.has(`assets/${file}`)) {
      const content = await readFile(path);
      initialBytes += content.length;
      initialGzipBytes += gzipSync(content).length;
    }
  }
  return { initialBytes, initialGzipBytes, totalBytes, files: assets.length };
}
