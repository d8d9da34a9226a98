import { DeleteCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { FINAL_PASS_AFTER_MS, inMemoryExportArchives, TenantDeletionJob } from '@crm/app/tenant-data';
import {
  platformKeys,
  sharedClientFactory,
  TenantDeletionRepository,
  TenantRepository,
  tenantKeyPrefix,
} from '@crm/dynamodb';
import { startTenantDeletionTimer } from '@crm/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant, uniqueEmail } from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';
import { ownTestTable } from '../support/test-table.js';

type Item = Record<string, unknown>;

/**
 * A tenant deletion cut off by a shutdown (issue 16): the job stops after its first pass, as a
 * process killed there would (a hook that throws, not a mock: every read and delete is real); the
 * local runtime's deletion timer finds the unfinished marker at start and runs the job again; a
 * raw Scan (test only) proves nothing of the tenant remains but its marker and the other tenant
 * is untouched. Then a write that lands after the job (a late reaction) is removed by the final
 * pass, once the stream has caught up.
 */
describe('tenant deletion resumed after a shutdown', () => {
  const table = ownTestTable('tenant-deletion-resume');
  const app = createTestApp({ table: table.client });
  const archives = inMemoryExportArchives();
  let stream: Awaited<ReturnType<typeof startReactions>>;
  let doomed: SignedUpTenant;
  let kept: SignedUpTenant;

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
  const itemsOf = (items: Item[], tenantId: string) =>
    items.filter((item) => JSON.stringify(item).includes(tenantId));
  const keyOf = (item: Item) => `${item.pk}|${item.sk}`;

  const seed = async (owner: SignedUpTenant, label: string) => {
    const customer = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: `${label} 客户`, kind: 'business' },
    });
    expect(customer.status).toBe(201);
    const id = customer.body.id as string;
    expect(
      (
        await call(app, 'POST', `/v1/customers/${id}/interactions`, {
          auth: owner.auth,
          body: { type: 'order', amount: 300, currency: 'CNY', occurredAt: '2026-01-05T10:00:00Z' },
        })
      ).status,
    ).toBe(201);
    expect(
      (await call(app, 'POST', `/v1/customers/${id}/contacts`, { auth: owner.auth, body: { name: 'Wang' } }))
        .status,
    ).toBe(201);
    expect(
      (
        await call(app, 'POST', '/v1/users/invitations', {
          auth: owner.auth,
          body: { email: uniqueEmail('pending'), role: 'member' },
        })
      ).status,
    ).toBe(201);
  };

  beforeAll(async () => {
    await table.ensure();
    stream = await startReactions([], { table });
    doomed = await signUpTenant(app, 'Interrupted Trading');
    kept = await signUpTenant(app, 'Bystander Trading');
    await seed(doomed, 'doomed');
    await seed(kept, 'kept');
    await stream.settle();
  }, 120_000);
  afterAll(async () => {
    await stream?.stop();
  });

  it('runs a deletion stopped after its first pass again at start, until nothing of the tenant remains', async () => {
    const before = await scanAll();
    const keptBefore = itemsOf(before, kept.tenantId).map(keyOf).sort();
    expect(itemsOf(before, doomed.tenantId).length).toBeGreaterThan(10);
    const deletions = new TenantDeletionRepository(table.client);
    // The request's own write (after the password check): requested a minute ago, so the job's
    // later passes are due at once.
    await deletions.mark({
      tenantId: doomed.tenantId,
      requestedAt: new Date(Date.now() - 60_000).toISOString(),
      requestedBy: doomed.userId,
    });
    const cutOff = new TenantDeletionJob({
      table: table.client,
      tenantClient: sharedClientFactory(table.client),
      clock: () => new Date(),
      archives,
      hooks: {
        afterPhase: (phase) => {
          if (phase === 'firstPass') throw new Error('shutdown');
        },
      },
    });
    await expect(cutOff.run({ tenantId: doomed.tenantId })).rejects.toThrow('shutdown');
    const interrupted = itemsOf(await scanAll(), doomed.tenantId);
    // Cut off: the tenant's record and its registry line are still there, the marker unfinished.
    expect(interrupted.map(keyOf)).toEqual(
      expect.arrayContaining([`${tenantKeyPrefix(doomed.tenantId)}TENANT|TENANT`]),
    );
    expect(interrupted.some((item) => String(item.pk) === 'P#TENANTS')).toBe(true);
    expect((await deletions.get(doomed.tenantId))?.finishedAt).toBeUndefined();
    // The nightly jobs, which walk the registry, leave a deleted tenant alone (they would write
    // its data back), though its line stays until the job ends.
    const listed = await new TenantRepository(table.client).listTenantIds();
    expect(listed).toContain(kept.tenantId);
    expect(listed).not.toContain(doomed.tenantId);

    // The next start of the local runtime.
    const timer = startTenantDeletionTimer({ table: table.client, archives, log: () => {} });
    await timer.tick();
    await timer.stop();

    const settled = itemsOf(await scanAll(), doomed.tenantId);
    expect(settled.map(keyOf)).toEqual([`P#DELETED#${doomed.tenantId}|DELETED`]);
    const marker = await deletions.get(doomed.tenantId);
    expect(marker?.finishedAt).toBeDefined();
    expect(marker?.finalPassAt).toBeUndefined();
    expect(
      itemsOf(await scanAll(), kept.tenantId)
        .map(keyOf)
        .sort(),
    ).toEqual(keptBefore);
    expect((await call(app, 'GET', '/v1/customers', { auth: kept.auth })).body.items).toHaveLength(1);
  }, 120_000);

  it('removes what a late reaction wrote after the job, in the final pass once the stream has caught up', async () => {
    // A reaction that read the marker as absent just before it was written, landing after the job.
    const late = { pk: `${tenantKeyPrefix(doomed.tenantId)}FIELDS`, sk: 'LATE', entityType: 'customFields' };
    await table.client.doc.send(new PutCommand({ TableName: table.tableName, Item: late }));
    const deletions = new TenantDeletionRepository(table.client);
    const finishedAt = Date.parse(String((await deletions.get(doomed.tenantId))?.finishedAt));
    const job = (at: number) =>
      new TenantDeletionJob({
        table: table.client,
        tenantClient: sharedClientFactory(table.client),
        clock: () => new Date(at),
        archives,
      });
    // Not before the stream has had time to catch up.
    expect((await job(finishedAt + 60_000).resumePending()).finalPasses).toEqual([]);
    expect(itemsOf(await scanAll(), doomed.tenantId).map(keyOf)).toContain(`${late.pk}|LATE`);

    const outcome = await job(finishedAt + FINAL_PASS_AFTER_MS + 1_000).resumePending();
    expect(outcome.finalPasses).toEqual([doomed.tenantId]);
    expect(itemsOf(await scanAll(), doomed.tenantId).map(keyOf)).toEqual([
      `P#DELETED#${doomed.tenantId}|DELETED`,
    ]);
    expect((await deletions.get(doomed.tenantId))?.finalPassAt).toBeDefined();
    // Nothing more is due for it.
    expect((await deletions.listPending()).map((marker) => marker.tenantId)).not.toContain(doomed.tenantId);
  }, 120_000);
  it('finds a deletion cut off before the pending list existed through the tenant registry, and finishes it', async () => {
    // A marker as the builds of 2026-12-01/02 wrote it (no pending-list entry), its job cut off
    // before anything was removed: the tenant is still in the registry, without `deletedAt`.
    const old = await signUpTenant(app, 'Old Build Trading');
    await seed(old, 'old');
    await stream.settle();
    await table.client.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...platformKeys.tenantDeletion(old.tenantId),
          tenantId: old.tenantId,
          requestedAt: new Date(Date.now() - 3_600_000).toISOString(),
          requestedBy: old.userId,
          entityType: 'tenantDeletion',
        },
      }),
    );
    // A table where the catch-up has not run yet (the earlier tests' resumes ran it here).
    await table.client.doc.send(
      new DeleteCommand({ TableName: table.tableName, Key: platformKeys.pendingTenantDeletionsCatchUp }),
    );
    const deletions = new TenantDeletionRepository(table.client);
    expect((await deletions.listPending()).map((marker) => marker.tenantId)).not.toContain(old.tenantId);
    const keptBefore = itemsOf(await scanAll(), kept.tenantId)
      .map(keyOf)
      .sort();

    const job = new TenantDeletionJob({
      table: table.client,
      tenantClient: sharedClientFactory(table.client),
      clock: () => new Date(),
      archives,
    });
    const outcome = await job.resumePending();

    expect(outcome.resumed).toEqual([old.tenantId]);
    expect(itemsOf(await scanAll(), old.tenantId).map(keyOf)).toEqual([`P#DELETED#${old.tenantId}|DELETED`]);
    expect((await deletions.get(old.tenantId))?.finishedAt).toBeDefined();
    expect(await deletions.catchUpDone()).toBe(true);
    // Once done, the registry is not walked again: a marker like it appearing now stays unlisted.
    expect(await job.catchUpUnlisted()).toEqual([]);
    expect(
      itemsOf(await scanAll(), kept.tenantId)
        .map(keyOf)
        .sort(),
    ).toEqual(keptBefore);
  }, 120_000);
});
