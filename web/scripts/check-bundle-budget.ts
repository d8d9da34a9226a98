// The first page's JavaScript budget (issue 18): the entry and the chunks it loads at once
// (<script type=module> and <link rel=modulepreload> in the built index.html), gzip-compressed.
// Lazy routes are not counted: they load on navigation. Run after `vite build`:
//   npm run budget --workspace web
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const INITIAL_JS_BUDGET_BYTES = 120 * 1024;

export const defaultDist = fileURLToPath(new URL('../dist', import.meta.url));

export type InitialJs = { files: { path: string; gzipBytes: number }[]; gzipBytes: number };

/** The gzip size of every script the built index.html loads before any lazy route. */
export function measureInitialJs(dist: string = defaultDist): InitialJs {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const paths = new Set<string>();
  for (const match of html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g))
    paths.add(match[1] ?? '');
  for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g))
    paths.add(match[1] ?? '');
  const files = [...paths]
    .filter(Boolean)
    .map((path) => ({ path, gzipBytes: gzipSync(readFileSync(join(dist, path))).length }));
  return { files, gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const measured = measureInitialJs(process.argv[2] ?? defaultDist);
  for (const file of measured.files)
    console.log(`${(file.gzipBytes / 1024).toFixed(1).padStart(7)} KB  ${file.path}`);
  const total = measured.gzipBytes / 1024;
  const budget = INITIAL_JS_BUDGET_BYTES / 1024;
  console.log(`initial route JS: ${total.toFixed(1)} KB gzip (budget ${budget} KB)`);
  if (measured.gzipBytes > INITIAL_JS_BUDGET_BYTES) {
    console.error('over budget: lazy-load more (features belong behind lazy() in their feature.ts)');
    process.exit(1);
  }
}
