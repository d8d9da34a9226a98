import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { ExportArchives } from '@crm/app/tenant-data';

/**
 * Tenant export archives as files under the data directory (`<dataDir>/exports/<tenant>/<id>.zip`),
 * served once through the API's one-time link and deleted by it. Keys come from
 * `exportArchiveKey` only; one that would leave the directory is refused all the same.
 */
export function fileExportArchives(dataDir: string): ExportArchives {
  const root = resolve(dataDir);
  const pathOf = (key: string) => {
    const path = resolve(join(root, key));
    if (!path.startsWith(`${root}${sep}`)) throw new Error(`archive key outside the data directory: ${key}`);
    return path;
  };
  return {
    put: async (key, bytes) => {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      // Only this user reads a tenant's whole data set.
      await writeFile(path, bytes, { mode: 0o600 });
    },
    get: async (key) => {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    delete: async (key) => {
      await rm(pathOf(key), { force: true });
    },
  };
}
