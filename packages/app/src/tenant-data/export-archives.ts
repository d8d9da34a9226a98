/**
 * Where finished export archives wait for their one download. In AWS: an S3 bucket with
 * encryption, blocked public access and a lifecycle rule that expires objects, and `presign`
 * hands out a short-lived URL (functions/tenant-data/s3-export-archives.ts); locally: files in the
 * data directory, or memory. The service never names S3: this port keeps packages/app AWS-free.
 */
export type ExportArchives = {
  put: (key: string, bytes: Uint8Array) => Promise<void>;
  get: (key: string) => Promise<Uint8Array | undefined>;
  delete: (key: string) => Promise<void>;
  /**
   * A URL the browser fetches the archive from directly, valid for `expiresInSeconds`. Hosts
   * without one (the local runtime) serve the archive through the API's one-time link instead.
   */
  presign?: (key: string, expiresInSeconds: number) => Promise<string>;
};

/** The tenant is the first path segment, so one tenant's archives never share a prefix with another's. */
export function exportArchiveKey(tenantId: string, exportId: string): string {
  return `exports/${tenantId}/${exportId}.zip`;
}

/** Archives in this process's memory: tests, and a local runtime started with `CRM_DATA_DIR=:memory:`. */
export function inMemoryExportArchives(): ExportArchives {
  const archives = new Map<string, Uint8Array>();
  return {
    put: async (key, bytes) => {
      archives.set(key, bytes);
    },
    get: async (key) => archives.get(key),
    delete: async (key) => {
      archives.delete(key);
    },
  };
}
