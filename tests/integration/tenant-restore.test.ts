import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { omittedEntityTypes, TenantRestoreRefused } from '@crm/app/tenant-data';
import { newId } from '@crm/domain';
import { createTableClient, type TableClient, TenantRepository } from '@crm/dynamodb';
import { createLocalDynamoDbClient, restoreTenantArchive } from '@crm/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';
import { ownTestTable, testDynamoDbEndpoint, testTableName } from '../support/test-table.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

type Item = Record<string, unknown>;

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

async function scan(table: TableClient): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await table.doc.send(
      new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Fields an archive never holds (hashes of secrets, where an export's archive is). */
const omittedFields = ['secretHash', 'currentHash', 'downloadTokenHash', 'archiveKey'];

/** The tenant's items as an archive keeps them, keyed and sorted, for an exact comparison. */
function restorable(items: Item[], tenantId: string): Item[] {
  return items
    .filter((item) => String(item.pk).startsWith(`T#${tenantId}#`))
    .filter((item) => !omittedEntityTypes.includes(String(item.entityType)))
    .map((item) => Object.fromEntries(Object.entries(item).filter(([name]) => !omittedFields.includes(name))))
    .sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}

/**
 * The tested restore of issue 16: a tenant seeded through the API (customers, orders, contacts, a
 * complaint, a workflow, a webhook), exported, downloaded, and restored with the ops command's own
 * function into a NEW table; then the API runs against that table and the tenant's views are the
 * same as on the original, and a raw Scan (test only) finds every item back under the same keys.
 */
describe('tenant restore from its export', () => {
  const source = ownTestTable('tenant-restore');
  const app = createTestApp({ webhooks: { allowLoopback: true }, table: source.client });
  const restoredName = `${testTableName()}-restored-${newId().toLowerCase()}`;
  const restored = createTableClient({ tableName: restoredName, endpoint: testDynamoDbEndpoint() });
  const restoredApp = createTestApp({ table: restored });
  const dynamodb = createLocalDynamoDbClient({ endpoint: testDynamoDbEndpoint() });
  let stream: Awaited<ReturnType<typeof startReactions>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let owner: SignedUpTenant;
  let customerIds: string[];
  let folder: string;
  let archivePath: string;

  beforeAll(async () => {
    await source.ensure();
    stream = await startReactions([], { table: source });
    receiver = await startWebhookReceiver();
    folder = await mkdtemp(join(tmpdir(), 'crm-restore-'));
    owner = await signUpTenant(app, 'Restored Trading 贸易');
    await signUpTenant(app, 'Bystander Trading');
    customerIds = [];
    for (const [name, amount] of [
      ['Li Wei', 1200],
      ['Zhang Min', 380],
    ] as const) {
      const customer = await call(app, 'POST', '/v1/customers', {
        auth: owner.auth,
        body: { name, kind: 'consumer', email: `${newId().toLowerCase()}@example.com`, tags: ['vip'] },
      });
      expect(customer.status).toBe(201);
      const id = customer.body.id as string;
      customerIds.push(id);
      for (const day of ['2026-01-05', '2026-02-11']) {
        const order = await call(app, 'POST', `/v1/customers/${id}/interactions`, {
          auth: owner.auth,
          body: { type: 'order', amount, currency: 'CNY', occurredAt: `${day}T10:00:00Z` },
        });
        expect(order.status).toBe(201);
      }
      expect(
        (
          await call(app, 'POST', `/v1/customers/${id}/contacts`, {
            auth: owner.auth,
            body: { name: 'Wang' },
          })
        ).status,
      ).toBe(201);
    }
    const complaint = await call(app, 'POST', '/v1/complaints', {
      auth: owner.auth,
      body: { customerId: customerIds[0], summary: '包裹破损 parcel arrived broken' },
    });
    expect(complaint.status, JSON.stringify(complaint.body)).toBe(201);
    const workflow = await call(app, 'POST', '/v1/workflows', {
      auth: owner.auth,
      body: {
        status: 'active',
        name: 'Tag on demand',
        trigger: { type: 'manual' },
        actions: [{ type: 'update_customer', addTags: ['demanded'] }],
      },
    });
    expect(workflow.status, JSON.stringify(workflow.body)).toBe(201);
    const hook = await call(app, 'POST', '/v1/webhooks', {
      auth: owner.auth,
      body: { url: receiver.url(), events: ['customer.*'] },
    });
    expect(hook.status, JSON.stringify(hook.body)).toBe(201);
    await stream.settle();

    const started = await call(app, 'POST', '/v1/tenant/export', { auth: owner.auth });
    expect(started.status).toBe(202);
    const exportId = started.body.id as string;
    const finished = await until(
      async () => (await call(app, 'GET', `/v1/tenant/exports/${exportId}`, { auth: owner.auth })).body,
      (body) => body.status !== 'running',
    );
    expect(finished.status).toBe('done');
    const link = await call(app, 'POST', `/v1/tenant/exports/${exportId}/download`, { auth: owner.auth });
    const archive = await app.request(link.body.url as string);
    expect(archive.status).toBe(200);
    archivePath = join(folder, 'export.zip');
    await writeFile(archivePath, new Uint8Array(await archive.arrayBuffer()));
    await stream.settle();
  }, 180_000);

  afterAll(async () => {
    await stream?.stop();
    await receiver?.close();
    dynamodb.destroy();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  /** The tenant as the API shows it: lists, a customer's 360° and its figures, the settings. */
  const views = async (target: typeof app) => {
    const get = async (path: string) => {
      const answer = await call(target, 'GET', path, { auth: owner.auth });
      expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
      return answer.body;
    };
    const perCustomer = [];
    for (const id of customerIds) {
      perCustomer.push({
        customer: await get(`/v1/customers/${id}`),
        insights: await get(`/v1/customers/${id}/insights`),
        interactions: await get(`/v1/customers/${id}/interactions`),
        contacts: await get(`/v1/customers/${id}/contacts`),
        history: await get(`/v1/customers/${id}/history`),
      });
    }
    return {
      tenant: await get('/v1/tenant'),
      customers: await get('/v1/customers'),
      perCustomer,
      complaints: await get('/v1/complaints'),
      workflows: await get('/v1/workflows'),
      users: await get('/v1/users'),
    };
  };

  it('restores the tenant into a new table, every item under its own keys, and the API shows the same', async () => {
    const outcome = await restoreTenantArchive({ archivePath, dynamodb, table: restored });
    expect(outcome.createdTable).toBe(true);
    expect(outcome.tenantId).toBe(owner.tenantId);
    expect(outcome.counts.customer).toBe(2);
    // The four orders, and the complaint's entry on the timeline.
    expect(outcome.counts.interaction).toBeGreaterThanOrEqual(4);

    // Exact: the same items, keys and index keys included, but what an archive leaves out.
    const original = restorable(await scan(source.client), owner.tenantId);
    const copy = restorable(await scan(restored), owner.tenantId);
    expect(copy.length).toBeGreaterThan(20);
    expect(copy).toEqual(original);
    // Only that tenant: the bystander signed up on the same table is not in the archive.
    expect((await scan(restored)).every((item) => JSON.stringify(item).includes(owner.tenantId))).toBe(true);

    // The registry's line too (a platform item, rebuilt): the nightly jobs walk the tenant again.
    expect(await new TenantRepository(restored).listTenantIds()).toEqual([owner.tenantId]);
    // The same access token (same signing key) works on the restored table: the user is there.
    expect(await views(restoredApp)).toEqual(await views(app));
  }, 180_000);

  it('runs again to the same result, and refuses a table where the tenant lives on unless --replace', async () => {
    const before = await scan(restored);
    const again = await restoreTenantArchive({ archivePath, dynamodb, table: restored });
    expect(again.createdTable).toBe(false);
    expect(await scan(restored)).toEqual(before);

    // The tenant lives on in the restored table: a change there makes it another state of the tenant.
    const tenant = await call(restoredApp, 'GET', '/v1/tenant', { auth: owner.auth });
    const renamed = await call(restoredApp, 'PATCH', '/v1/tenant', {
      auth: owner.auth,
      body: { name: 'Renamed after restore', version: tenant.body.version },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    await expect(restoreTenantArchive({ archivePath, dynamodb, table: restored })).rejects.toBeInstanceOf(
      TenantRestoreRefused,
    );
    expect((await call(restoredApp, 'GET', '/v1/tenant', { auth: owner.auth })).body.name).toBe(
      'Renamed after restore',
    );

    // A customer added since is removed by --replace, which puts back exactly the archive.
    const extra = await call(restoredApp, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Added after restore', kind: 'consumer' },
    });
    expect(extra.status).toBe(201);
    const replaced = await restoreTenantArchive({ archivePath, dynamodb, table: restored, replace: true });
    expect(replaced.replaced).toBeGreaterThan(0);
    expect(restorable(await scan(restored), owner.tenantId)).toEqual(restorable(before, owner.tenantId));
  }, 180_000);
});
