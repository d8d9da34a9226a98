import { readFile } from 'node:fs/promises';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { restoreTenant, type TenantRestoreOutcome } from '@crm/app/tenant-data';
import type { TableClient } from '@crm/dynamodb';
import { ensureTable } from './ensure-table.js';

/**
 * `npm run ops -- restore`: one tenant's export archive into a table, created first from the
 * product's own table definition (the CDK's and the local runtime's) when it does not exist.
 */
export async function restoreTenantArchive(input: {
  archivePath: string;
  /** Creates the table and waits for it. */
  dynamodb: DynamoDBClient;
  table: TableClient;
  replace?: boolean;
  onProgress?: (written: number) => void;
}): Promise<TenantRestoreOutcome & { createdTable: boolean }> {
  const archive = new Uint8Array(await readFile(input.archivePath));
  const { created } = await ensureTable(input.dynamodb, input.table.tableName);
  const outcome = await restoreTenant(input.table, archive, {
    ...(input.replace ? { replace: true } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  return { ...outcome, createdTable: created };
}
