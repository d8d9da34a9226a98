import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { TenantArchiveWriter } from './tenant-archive.js';

const storage = {
  pk: 'T#01T#C#1',
  sk: 'PROFILE',
  gsi1pk: 'T#01T#CUSTOMERS#LIVE#0',
  gsi1sk: 'x',
  expiresAt: 1,
};

async function archiveOf(items: Record<string, unknown>[]) {
  const writer = new TenantArchiveWriter();
  const added = items.map((item) => writer.add(item));
  const bytes = await writer.finish({
    tenantId: '01T',
    tenantName: 'Acme',
    createdAt: '2026-01-01T00:00:00Z',
  });
  return { added, files: unzipSync(bytes) };
}

describe('tenant archive', () => {
  it('writes one JSON Lines file per entity type, without the storage attributes', async () => {
    const { files } = await archiveOf([
      { ...storage, entityType: 'customer', id: 'C1', name: 'Li', tags: ['vip'], stats: { orderCount: 2 } },
      { ...storage, entityType: 'interaction', id: 'I1', type: 'order' },
      { ...storage, entityType: 'interaction', id: 'I2', type: 'call' },
    ]);
    const lines = strFromU8(files['data/interaction.jsonl'] as Uint8Array)
      .trim()
      .split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { id: 'I1', type: 'order' },
      { id: 'I2', type: 'call' },
    ]);
    const manifest = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array));
    expect(manifest).toMatchObject({ schemaVersion: 2, counts: { customer: 1, interaction: 2 } });
    // Line for line, where each record was kept: what a restore needs to put it back exactly.
    const keyLines = strFromU8(files['keys/interaction.jsonl'] as Uint8Array)
      .trim()
      .split('\n');
    expect(keyLines.map((line) => JSON.parse(line))).toEqual([
      { ...storage, entityType: 'interaction' },
      { ...storage, entityType: 'interaction' },
    ]);
  });

  it('leaves out credentials and job machinery, and the hashes of secrets', async () => {
    const { added, files } = await archiveOf([
      { ...storage, entityType: 'session', currentHash: 'h' },
      { ...storage, entityType: 'webhookSecrets', secrets: ['s'] },
      { ...storage, entityType: 'apiKey', id: 'K1', secretHash: 'h' },
    ]);
    expect(added).toEqual([false, false, true]);
    expect(Object.keys(files).filter((name) => name.startsWith('data/'))).toEqual(['data/apiKey.jsonl']);
    expect(strFromU8(files['data/apiKey.jsonl'] as Uint8Array)).not.toContain('secretHash');
  });

  it('writes customers.csv with a BOM, the header and formulas escaped', async () => {
    const { files } = await archiveOf([
      {
        ...storage,
        entityType: 'customer',
        id: 'C1',
        name: '=HYPERLINK("x")',
        tags: ['a', 'b'],
        stats: { orderCount: 3 },
      },
    ]);
    const bytes = files['customers.csv'] as Uint8Array;
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, row] = strFromU8(bytes).trim().split('\n');
    expect(header?.startsWith('id,name,kind,')).toBe(true);
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain('a;b');
  });
});
