import { fileURLToPath } from 'node:url';

/** The monorepo root: Lambda entries, the lock file and `web/dist` are resolved from here. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Absolute path of a file or folder given relative to the repository root. */
export function fromRepoRoot(relativePath: string): string {
  return fileURLToPath(new URL(relativePath, new URL('../../', import.meta.url)));
}
