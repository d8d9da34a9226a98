/**
 * The analytics CLI's launcher (`npm run analytics`): runs `packages/analytics/src/cli.ts` from a one-file esbuild
 * bundle, so a run starts plain Node instead of loading tsx and compiling TypeScript (most of a
 * short run's wall time). The bundle is rebuilt when a source file or the package manifest is newer
 * than it; a fresh one costs a few dozen `stat`s.
 */
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(dirname(fileURLToPath(import.meta.url))), 'packages', 'analytics');
const sources = join(root, 'src');
const bundle = join(root, 'dist', 'cli.mjs');

function modifiedAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Number.NEGATIVE_INFINITY;
  }
}

function isStale() {
  const built = modifiedAt(bundle);
  if (built < modifiedAt(join(root, 'package.json')) || built < modifiedAt(fileURLToPath(import.meta.url))) {
    return true;
  }
  return readdirSync(sources).some((name) => name.endsWith('.ts') && modifiedAt(join(sources, name)) > built);
}

if (isStale()) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(sources, 'cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'error',
  });
  mkdirSync(dirname(bundle), { recursive: true });
  // Written aside and renamed: two runs building at once never leave a half-written bundle.
  const partial = `${bundle}.${process.pid}.tmp`;
  writeFileSync(partial, result.outputFiles[0].contents);
  renameSync(partial, bundle);
}

await import(pathToFileURL(bundle).href);
