import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startWebhookDeliveryTimer } from '@crm/local';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { inviteUser } from '../support/invite-user.js';
import { mailedToken } from '../support/mailbox.js';
import {
  call,
  createTestApp,
  type SignedUpTenant,
  signUpTenant,
  TEST_PASSWORD,
  uniqueEmail,
} from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';
import { ownTestTable } from '../support/test-table.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

type Item = Record<string, unknown>;

/** Polls `read` until `done` holds, up to `ms` (a loaded machine is slow). */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/**
 * Tenant data rights (issue 16) against DynamoDB Local, with the real stream reactions running
 * (webhook fan-out, customer history): two tenants with customers, orders, contacts, an import, a
 * webhook, users, an invitation and an API key; one exports its data and downloads it once, then
 * deletes itself. A raw Scan — fine at test size, never in the product — proves nothing of it
 * remains and the other tenant is untouched.
 *
 * On a table of its own: the scan reads every item, and the stream reactions must be ours.
 */
describe('tenant data rights', () => {
  const table = ownTestTable('tenant-data');
  // The job's later sweeps come 10 s and 30 s after the request in the product, after the
  // reactions' 5 s cache of the marker has expired (deleted-tenants.ts). Here the cache lasts
  // 500 ms and the sweeps come 2 s and 4 s after: the same order, so a reaction that wrote for the
  // tenant before seeing the marker is swept as in the product. The
  // scans below still fail if a pass misses anything: they wait for the job's end, then settle.
  const app = createTestApp({
    webhooks: { allowLoopback: true },
    table: table.client,
    tenantDeletionLaterPassesMs: [2_000, 4_000],
  });
  let stream: Awaited<ReturnType<typeof startReactions>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let doomed: SignedUpTenant;
  let kept: SignedUpTenant;
  let doomedKey: string;
  let doomedAdmin: { Authorization: string };

  const scanAll = async (): Promise<Item[]> => {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const page = await table.client.doc.send(
        new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
      );
      items.push(...((page.Items ?? []) as Item[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  };
  /** Items whose keys or contents name the tenant: its own and the platform items that point at it. */
  const itemsOf = (items: Item[], tenantId: string) =>
    items.filter((item) => JSON.stringify(item).includes(tenantId));
  const keyOf = (item: Item) => `${item.pk}|${item.sk}`;

  const seed = async (owner: SignedUpTenant, label: string) => {
    const customer = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: `=${label} 客户`, kind: 'business', email: `${label}@example.com` },
    });
    expect(customer.status).toBe(201);
    const customerId = customer.body.id as string;
    expect(
      (
        await call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
          auth: owner.auth,
          body: { type: 'order', amount: 1200, currency: 'CNY', occurredAt: '2026-01-05T10:00:00Z' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(app, 'POST', `/v1/customers/${customerId}/contacts`, {
          auth: owner.auth,
          body: { name: 'Wang' },
        })
      ).status,
    ).toBe(201);
    const imported = await app.request('/v1/imports?kind=customers', {
      method: 'POST',
      headers: { ...owner.auth, 'content-type': 'text/csv' },
      body: `customer_id,name,kind\n${label}-EXT-1,${label} imported,consumer\n`,
    });
    expect(imported.status).toBe(201);
    const hook = await call(app, 'POST', '/v1/webhooks', {
      auth: owner.auth,
      body: { url: receiver.url(), events: ['customer.*'] },
    });
    expect(hook.status, JSON.stringify(hook.body)).toBe(201);
    // A dealer organisation and a share with it: the share's partition is keyed by the organisation.
    const organisation = await call(app, 'POST', '/v1/partner-organisations', {
      auth: owner.auth,
      body: { name: `${label} dealer` },
    });
    expect(
      (
        await call(app, 'PUT', `/v1/customers/${customerId}/organisation-shares/${organisation.body.id}`, {
          auth: owner.auth,
          body: { fields: ['phone'] },
        })
      ).status,
    ).toBe(200);
    const admin = await inviteUser(app, owner.auth, 'admin', { table: table.client });
    // An invitation never accepted: a platform item that names the tenant.
    const pending = await call(app, 'POST', '/v1/users/invitations', {
      auth: owner.auth,
      body: { email: uniqueEmail('pending'), role: 'member' },
    });
    expect(pending.status).toBe(201);
    const key = await call(app, 'POST', '/v1/api-keys', {
      auth: owner.auth,
      body: { name: `${label} key`, scope: 'write' },
    });
    expect(key.status).toBe(201);
    return { customerId, admin, key: key.body.key as string };
  };

  beforeAll(async () => {
    await table.ensure();
    stream = await startReactions([], { table, deletedTenantsTtlMs: 500 });
    receiver = await startWebhookReceiver();
    doomed = await signUpTenant(app, 'Doomed Trading 贸易');
    kept = await signUpTenant(app, 'Kept Trading');
    const doomedSeed = await seed(doomed, 'doomed');
    await seed(kept, 'kept');
    doomedKey = doomedSeed.key;
    doomedAdmin = doomedSeed.admin.auth;
    await stream.settle();
  }, 120_000);
  afterAll(async () => {
    await stream?.stop();
    await receiver?.close();
  });

  it('refuses the export and the deletion to everyone but the owner', async () => {
    expect((await call(app, 'POST', '/v1/tenant/export', { auth: doomedAdmin })).status).toBe(403);
    expect(
      (await call(app, 'POST', '/v1/tenant/export', { auth: { Authorization: `Bearer ${doomedKey}` } }))
        .status,
    ).toBe(403);
    expect(
      (
        await call(app, 'DELETE', '/v1/tenant', {
          auth: doomedAdmin,
          body: { confirmation: 'Doomed Trading 贸易', password: TEST_PASSWORD },
        })
      ).status,
    ).toBe(403);
  });

  it('exports every entity type into one archive, downloadable once', async () => {
    // A webhook for the export's event: it comes once, with the counts and no way to the archive.
    const exportHook = await call(app, 'POST', '/v1/webhooks', {
      auth: doomed.auth,
      body: { url: receiver.url('/exports'), events: ['tenant.export.completed'] },
    });
    expect(exportHook.status, JSON.stringify(exportHook.body)).toBe(201);
    // The local delivery worker (the same as AWS's) sends what the fan-out queued; only while
    // this test runs, so that the deletion below races nothing but the reactions.
    const deliveryTimer = startWebhookDeliveryTimer({
      table: table.client,
      log: () => {},
      intervalMs: 100,
      timeScale: 1e-5,
    });
    onTestFinished(() => deliveryTimer.stop());
    const started = await call(app, 'POST', '/v1/tenant/export', { auth: doomed.auth });
    expect(started.status).toBe(202);
    expect(started.body.status).toBe('running');
    const exportId = started.body.id as string;
    const finished = await until(
      async () => (await call(app, 'GET', `/v1/tenant/exports/${exportId}`, { auth: doomed.auth })).body,
      (body) => body.status !== 'running',
    );
    expect(finished.status).toBe('done');
    const counts = finished.counts as Record<string, number>;
    expect(counts.customer).toBe(2);
    expect(counts.interaction).toBe(1);
    expect(counts.contact).toBe(1);
    expect(counts.user).toBe(3);
    expect(counts.webhookEndpoint).toBe(2);
    expect(counts.importJob).toBe(1);
    expect(counts.externalCustomer).toBe(1);
    expect(counts.partnerOrganisation).toBe(1);
    expect(counts.share).toBe(1);
    expect(counts.apiKey).toBe(1);
    expect(counts.session).toBeUndefined();
    expect(counts.webhookSecrets).toBeUndefined();
    // Another tenant's export sees none of it.
    expect((await call(app, 'GET', `/v1/tenant/exports/${exportId}`, { auth: kept.auth })).status).toBe(404);

    const link = await call(app, 'POST', `/v1/tenant/exports/${exportId}/download`, { auth: doomed.auth });
    expect(link.status).toBe(200);
    expect(
      (await call(app, 'POST', `/v1/tenant/exports/${exportId}/download`, { auth: doomed.auth })).status,
    ).toBe(409);
    const archive = await app.request(link.body.url as string);
    expect(archive.status).toBe(200);
    expect(archive.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await archive.arrayBuffer()));
    expect((await app.request(link.body.url as string)).status).toBe(404);

    const manifest = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array)) as {
      schemaVersion: number;
      counts: Record<string, number>;
    };
    expect(manifest.schemaVersion).toBe(2);
    expect(manifest.counts).toEqual(counts);
    const customers = strFromU8(files['data/customer.jsonl'] as Uint8Array)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Item);
    expect(customers.map((customer) => customer.name).sort()).toEqual(['=doomed 客户', 'doomed imported']);
    for (const customer of customers) {
      expect(Object.keys(customer).filter((name) => /^(pk|sk|gsi\d(pk|sk)|entityType)$/.test(name))).toEqual(
        [],
      );
    }
    const apiKeys = strFromU8(files['data/apiKey.jsonl'] as Uint8Array);
    expect(apiKeys).not.toContain('secretHash');
    const csvBytes = files['customers.csv'] as Uint8Array;
    // UTF-8 BOM, so spreadsheets read the Chinese names right (TextDecoder drops it below).
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = strFromU8(csvBytes);
    expect(csv.startsWith('id,name,')).toBe(true);
    // A name that is a formula reaches the spreadsheet as text.
    expect(csv).toContain(`'=doomed 客户`);
    expect(files['README.md']).toBeDefined();
    const after = await call(app, 'GET', `/v1/tenant/exports/${exportId}`, { auth: doomed.auth });
    expect(after.body.status).toBe('downloaded');

    // The download is a change of the export too, and raises nothing: one event, after it settles.
    await stream.settle();
    const exportEvents = () =>
      receiver.received.filter(
        (received) => (JSON.parse(received.body) as Item).type === 'tenant.export.completed',
      );
    await until(
      async () => exportEvents(),
      (events) => events.length > 0,
    );
    await stream.settle();
    const deliveries = exportEvents();
    expect(new Set(deliveries.map((received) => received.headers['webhook-id'])).size).toBe(1);
    const event = JSON.parse((deliveries[0] as { body: string }).body) as Item;
    expect(event).toMatchObject({
      type: 'tenant.export.completed',
      data: { id: exportId, status: 'done', counts, availableUntil: finished.availableUntil },
    });
    expect(JSON.stringify(event)).not.toMatch(/archiveKey|downloadTokenHash|tenant-exports|"url"/);
  }, 120_000);

  it('refuses a deletion without the tenant name or the right password', async () => {
    const wrongName = await call(app, 'DELETE', '/v1/tenant', {
      auth: doomed.auth,
      body: { confirmation: 'Kept Trading', password: TEST_PASSWORD },
    });
    expect(wrongName.status).toBe(400);
    expect(wrongName.body.error).toMatchObject({ fields: [{ path: 'confirmation' }] });
    const wrongPassword = await call(app, 'DELETE', '/v1/tenant', {
      auth: doomed.auth,
      body: { confirmation: 'doomed trading 贸易', password: 'not-the-password' },
    });
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.body.error).toMatchObject({ fields: [{ path: 'password' }] });
    expect((await call(app, 'GET', '/v1/tenant', { auth: doomed.auth })).status).toBe(200);
  });

  it('disables the tenant at once and removes every item of it, leaving the other tenant as it was', async () => {
    const before = await scanAll();
    const keptBefore = itemsOf(before, kept.tenantId).map(keyOf).sort();
    expect(itemsOf(before, doomed.tenantId).length).toBeGreaterThan(20);

    const deleted = await call(app, 'DELETE', '/v1/tenant', {
      auth: doomed.auth,
      body: { confirmation: ' doomed trading 贸易 ', password: TEST_PASSWORD },
    });
    expect(deleted.status).toBe(202);
    expect(deleted.body).toMatchObject({ tenantId: doomed.tenantId, status: 'deleting' });
    // Every credential of the tenant is refused from this instant.
    expect((await call(app, 'GET', '/v1/tenant', { auth: doomed.auth })).status).toBe(401);
    expect((await call(app, 'GET', '/v1/customers', { auth: doomedAdmin })).status).toBe(401);
    expect(
      (await call(app, 'GET', '/v1/customers', { auth: { Authorization: `Bearer ${doomedKey}` } })).status,
    ).toBe(401);

    const remaining = await until(
      async () => itemsOf(await scanAll(), doomed.tenantId),
      (items) => items.every((item) => String(item.pk).startsWith('P#DELETED#')),
    );
    await stream.settle();
    const settled = itemsOf(await scanAll(), doomed.tenantId);
    // Only the marker remains: it holds the id and two instants, and expires two days after.
    expect(settled.map(keyOf)).toEqual([`P#DELETED#${doomed.tenantId}|DELETED`]);
    expect(remaining.length).toBe(1);
    const marker = settled[0] as Item;
    expect(Number(marker.expiresAt) * 1000 - Date.now()).toBeLessThanOrEqual(48 * 3_600_000);
    // The owner's login is gone with the tenant (the person belonged to no other one).
    expect(
      (await call(app, 'POST', '/v1/auth/login', { body: { email: doomed.email, password: TEST_PASSWORD } }))
        .status,
    ).toBe(401);
    expect(
      (await call(app, 'POST', '/v1/auth/refresh', { body: { refreshToken: doomed.refreshToken } })).status,
    ).toBe(401);

    const keptAfter = itemsOf(await scanAll(), kept.tenantId)
      .map(keyOf)
      .sort();
    expect(keptAfter).toEqual(keptBefore);
    expect((await call(app, 'GET', '/v1/customers', { auth: kept.auth })).body.items).toHaveLength(2);
  }, 120_000);

  it('lets a person of the deleted tenant keep the account they have elsewhere', async () => {
    const other = await signUpTenant(app, 'Other Trading');
    const shared = await signUpTenant(app, 'Shared Trading');
    // The other tenant's owner is invited into the shared tenant too, then the other tenant is deleted.
    const invite = await call(app, 'POST', '/v1/users/invitations', {
      auth: shared.auth,
      body: { email: other.email, role: 'member' },
    });
    expect(invite.status).toBe(201);
    const token = await mailedToken(other.email, 'accept-invitation', table.client);
    expect(
      (await call(app, 'POST', '/v1/auth/accept-invitation', { body: { token, password: TEST_PASSWORD } }))
        .status,
    ).toBe(200);
    expect(
      (
        await call(app, 'DELETE', '/v1/tenant', {
          auth: other.auth,
          body: { confirmation: 'Other Trading', password: TEST_PASSWORD },
        })
      ).status,
    ).toBe(202);
    await until(
      async () => itemsOf(await scanAll(), other.tenantId),
      (items) => items.every((item) => String(item.pk).startsWith('P#DELETED#')),
    );
    const login = await call(app, 'POST', '/v1/auth/login', {
      body: { email: other.email, password: TEST_PASSWORD },
    });
    expect(login.status).toBe(200);
    expect((login.body.tenant as { id: string }).id).toBe(shared.tenantId);
  }, 120_000);
});
