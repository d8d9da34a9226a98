import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportArchiveKey } from '@crm/app/tenant-data';
import { afterEach, describe, expect, it } from 'vitest';
import { fileExportArchives } from './file-export-archives.js';

describe('file export archives', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-exports-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps an archive under the data directory, readable by this user only, until deleted', async () => {
    const dir = dataDir();
    const archives = fileExportArchives(dir);
    const key = exportArchiveKey('01TENANT', '01EXPORT');
    await archives.put(key, new Uint8Array([1, 2, 3]));
    expect([...((await archives.get(key)) ?? [])]).toEqual([1, 2, 3]);
    expect(statSync(join(dir, key)).mode & 0o777).toBe(0o600);
    await archives.delete(key);
    expect(await archives.get(key)).toBeUndefined();
  });

  it('refuses a key that would leave the data directory', async () => {
    const archives = fileExportArchives(dataDir());
    await expect(archives.put('../outside.zip', new Uint8Array([1]))).rejects.toThrow(/outside/);
  });
});
