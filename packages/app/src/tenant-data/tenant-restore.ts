import { isDeepStrictEqual } from 'node:util';
import { TENANT_EXPORT_SCHEMA_VERSION } from '@crm/domain';
import {
  keys,
  putItems,
  type TableClient,
  TenantDeletionRepository,
  TenantItems,
  TenantRepository,
  TenantTable,
  tenantKeyPrefix,
} from '@crm/dynamodb';
import { strFromU8, unzipSync } from 'fflate';

type Item = Record<string, unknown>;

/** Why a restore did not write: the archive cannot be restored, or the table holds the tenant. */
export class TenantRestoreRefused extends Error {
  override readonly name = 'TenantRestoreRefused';
}

export type TenantRestoreOutcome = {
  tenantId: string;
  tenantName: string;
  /** Items put back, per entity type. */
  counts: Record<string, number>;
  written: number;
  /** Items of the tenant removed first (`replace`). */
  replaced: number;
};

type ManifestFile = { path: string; keysPath?: string; entityType: string; count: number };
type Manifest = {
  schemaVersion: number;
  tenant: { id: string; name: string };
  files: ManifestFile[];
};

function lines(files: Record<string, Uint8Array>, path: string): string[] {
  const bytes = files[path];
  if (!bytes) throw new TenantRestoreRefused(`the archive has no ${path}`);
  return strFromU8(bytes)
    .split('\n')
    .filter((line) => line.length > 0);
}

/**
 * Reads an export archive into the items it was made from: each record of `data/<type>.jsonl`
 * under the keys of the same line of `keys/<type>.jsonl` (schema version 2). Refuses an archive
 * whose keys leave the tenant, whose files disagree with the manifest, or of another version.
 */
export function readTenantArchive(bytes: Uint8Array): { manifest: Manifest; items: Item[] } {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw new TenantRestoreRefused('not a ZIP archive');
  }
  const manifestBytes = files['manifest.json'];
  if (!manifestBytes) throw new TenantRestoreRefused('not a tenant export: no manifest.json');
  const manifest = JSON.parse(strFromU8(manifestBytes)) as Manifest;
  if (manifest.schemaVersion !== TENANT_EXPORT_SCHEMA_VERSION) {
    throw new TenantRestoreRefused(
      `archive schema version ${manifest.schemaVersion}; this restore reads version ${TENANT_EXPORT_SCHEMA_VERSION}` +
        (manifest.schemaVersion < 2 ? ' (version 1 archives hold no keys: export again)' : ''),
    );
  }
  const tenantId = manifest.tenant?.id;
  if (typeof tenantId !== 'string' || tenantId.length === 0) throw new TenantRestoreRefused('no tenant id');
  const prefix = tenantKeyPrefix(tenantId);
  const items: Item[] = [];
  for (const file of manifest.files.filter((entry) => entry.path.startsWith('data/'))) {
    if (!file.keysPath) throw new TenantRestoreRefused(`${file.path} has no keys file`);
    const records = lines(files, file.path);
    const storage = lines(files, file.keysPath);
    if (records.length !== file.count || storage.length !== file.count) {
      throw new TenantRestoreRefused(
        `${file.path}: ${records.length} records and ${storage.length} keys, the manifest says ${file.count}`,
      );
    }
    records.forEach((line, index) => {
      const item = { ...(JSON.parse(line) as Item), ...(JSON.parse(storage[index] as string) as Item) };
      // Every key of a tenant's item begins with the tenant: an archive edited to write elsewhere
      // (another tenant, the platform) is refused whole, before anything is written.
      const keyValues = Object.entries(item).filter(([name]) => name === 'pk' || /^gsi\dpk$/.test(name));
      if (keyValues.length === 0 || keyValues.some(([, value]) => !String(value).startsWith(prefix))) {
        throw new TenantRestoreRefused(`${file.path} line ${index + 1} has a key outside the tenant`);
      }
      items.push(item);
    });
  }
  return { manifest, items };
}

/**
 * Restores one tenant from its export archive into a table (a fresh one, typically): every item
 * back under its own keys, so its indexes are rebuilt by DynamoDB as they were. The tenant's own
 * record is written last, so its presence says a restore finished:
 * - the table holds no record of the tenant: the items are written (a restore cut off before the
 *   end is simply run again: puts of the same items converge);
 * - it holds exactly the archive's record: the same restore ran before; it is written again,
 *   idempotently;
 * - it holds another record of the tenant (the tenant lives there), or the tenant's deletion
 *   marker: refused, unless `replace`, which first removes every item of the tenant there.
 */
export async function restoreTenant(
  table: TableClient,
  archive: Uint8Array,
  options: { replace?: boolean; onProgress?: (written: number) => void } = {},
): Promise<TenantRestoreOutcome> {
  const { manifest, items } = readTenantArchive(archive);
  const tenantId = manifest.tenant.id;
  const tenantKey = keys.tenant(tenantId);
  const isTenantRecord = (item: Item) => item.pk === tenantKey.pk && item.sk === tenantKey.sk;
  const tenantRecord = items.find(isTenantRecord);
  if (!tenantRecord) throw new TenantRestoreRefused('the archive holds no tenant record');
  // Under a deletion marker the tenant is refused, and its job would remove what is written.
  if (await new TenantDeletionRepository(table).get(tenantId)) {
    throw new TenantRestoreRefused(
      `tenant ${tenantId} is marked deleted in ${table.tableName}; use a fresh table`,
    );
  }
  const existing = await new TenantTable(table, tenantId).get(tenantKey);
  let replaced = 0;
  if (existing !== undefined && !isDeepStrictEqual(existing, tenantRecord)) {
    if (!options.replace) {
      throw new TenantRestoreRefused(
        `${table.tableName} already holds tenant ${tenantId}; restore into a fresh table, or pass --replace`,
      );
    }
    replaced = await new TenantItems(table, tenantId).deleteAll();
  }
  const rest = items.filter((item) => !isTenantRecord(item));
  const counts: Record<string, number> = {};
  for (let start = 0; start < rest.length; start += 500) {
    await putItems(table, rest.slice(start, start + 500));
    options.onProgress?.(Math.min(start + 500, rest.length));
  }
  await putItems(table, [tenantRecord]);
  await new TenantRepository(table).register({ tenantId, createdAt: String(tenantRecord.createdAt) });
  for (const item of items) {
    const entityType = String(item.entityType ?? 'unknown');
    counts[entityType] = (counts[entityType] ?? 0) + 1;
  }
  return { tenantId, tenantName: manifest.tenant.name, counts, written: items.length, replaced };
}
