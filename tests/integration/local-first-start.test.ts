import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { NightlyJob } from '@crm/app/nightly';
import { createTableClient, TenantRepository } from '@crm/dynamodb';
import { type LocalConfig, type LocalRuntime, type Seeder, startLocalRuntime } from '@crm/local';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

// A first start on a fresh data folder, as `npm start` runs it: its own DynamoDB Local on a staging
// copy (so not the suite's shared server), a seed, the move into the data folder, and the pristine
// copy a later first start begins from instead of seeding again.

const root = mkdtempSync(join(tmpdir(), 'crm-first-start-test-'));
const webDist = mkdtempSync(join(tmpdir(), 'crm-first-start-web-'));
const previousCache = process.env.CRM_SEED_CACHE;
const running: LocalRuntime[] = [];

afterEach(async () => {
  for (const runtime of running.splice(0)) await runtime.stop();
});
afterAll(() => {
  if (previousCache === undefined) delete process.env.CRM_SEED_CACHE;
  else process.env.CRM_SEED_CACHE = previousCache;
  rmSync(root, { recursive: true, force: true });
  rmSync(webDist, { recursive: true, force: true });
});

const config = (name: string): LocalConfig => ({
  port: 0,
  host: '127.0.0.1',
  dataDir: join(root, name),
  dynamodbEndpoint: undefined,
  tableName: 'crm-first-start',
  seed: 'demo',
  webDist,
  version: 'test',
  refitHourUtc: undefined,
});

const ITEM = { pk: 'T#01FIRSTSTART#CUSTOMER#1', sk: 'CUSTOMER', entityType: 'customer', name: 'Seeded' };

/** A seeder writing one item the stream filter passes, waiting for `proceed` before it finishes. */
function oneItemSeeder(proceed: Promise<void> = Promise.resolve()) {
  return vi.fn<Seeder>(async ({ table }) => {
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: ITEM }));
    await proceed;
    return { summary: 'one customer', reusable: true };
  });
}

async function start(name: string, seeder: Seeder, logs: string[], delivered: string[]) {
  const runtime = await startLocalRuntime(config(name), {
    log: (message) => logs.push(message),
    seeders: { demo: seeder },
    streamHandler: async (event: DynamoDBStreamEvent) => {
      for (const record of event.Records) delivered.push(record.dynamodb?.Keys?.pk?.S ?? '');
      return { batchItemFailures: [] };
    },
  });
  running.push(runtime);
  return runtime;
}

describe('a first start', () => {
  it('keeps its whole seed as a pristine copy, and the next first start begins from it without seeding', async () => {
    process.env.CRM_SEED_CACHE = join(root, 'copies');
    const seeder = oneItemSeeder();
    const logs: string[] = [];
    const firstDelivered: string[] = [];

    const first = await start('first', seeder, logs, firstDelivered);
    expect(first.staged).toBe(true);
    expect(await first.seed).toEqual({ status: 'seeded', summary: 'one customer' });
    await vi.waitFor(() => expect(logs.join('\n')).toContain('pristine copy kept for later first starts'), {
      timeout: 60_000,
    });
    expect(firstDelivered).toContain(ITEM.pk);
    await first.stop();

    const secondDelivered: string[] = [];
    const second = await start('second', seeder, logs, secondDelivered);

    expect(second.staged).toBe(false);
    expect(second.restored?.summary).toBe('one customer');
    expect(await second.seed).toEqual({ status: 'skipped', reason: 'already-seeded' });
    expect(second.seedProgress().status).toBe('done');
    expect(seeder).toHaveBeenCalledTimes(1);
    const table = createTableClient({ tableName: 'crm-first-start', endpoint: second.dynamodbEndpoint });
    const read = await table.doc.send(
      new GetCommand({ TableName: table.tableName, Key: { pk: ITEM.pk, sk: ITEM.sk } }),
    );
    expect(read.Item).toEqual(ITEM);
    // The checkpoints came with the copy: what the first start's poller handled is not handled again.
    await second.poller.waitUntilIdle({ timeoutMs: 20_000 });
    expect(secondDelivered).toEqual([]);
    // And the restored table's stream is the one being read: a new write reaches the handler.
    const added = { ...ITEM, pk: 'T#01FIRSTSTART#CUSTOMER#2' };
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: added }));
    await vi.waitFor(() => expect(secondDelivered).toEqual([added.pk]), { timeout: 20_000 });
  }, 180_000);

  it('runs the nightly passes once as soon as its seed is whole, for the seeded tenant, without refitting; a later start waits for the night', async () => {
    process.env.CRM_SEED_CACHE = 'off';
    const tenantId = '01FIRSTNIGHT00000000000000';
    const seeder = vi.fn<Seeder>(async ({ table }) => {
      await new TenantRepository(table).register({ tenantId, createdAt: new Date().toISOString() });
      return { summary: 'one tenant', reusable: true };
    });
    const ran: string[] = [];
    const job = (name: string): NightlyJob => ({
      name,
      run: async (_deps, tenant) => {
        ran.push(`${name} ${tenant}`);
        return {};
      },
    });
    const nightlyJobs = [job('refit'), job('churn'), job('care')];
    const logs: string[] = [];
    const options = {
      log: (message: string) => logs.push(message),
      seeders: { demo: seeder },
      nightlyJobs,
    };
    // The nightly timer on (at an hour that is not now: only the first night can run here).
    const hourUtc = (new Date().getUTCHours() + 12) % 24;
    const first = await startLocalRuntime({ ...config('first-night'), refitHourUtc: hourUtc }, options);
    running.push(first);
    expect(await first.seed).toEqual({ status: 'seeded', summary: 'one tenant' });
    await vi.waitFor(() => expect(logs.join('\n')).toContain('first night ended'), { timeout: 60_000 });
    expect(ran).toEqual([`churn ${tenantId}`, `care ${tenantId}`]);
    // Copies are off here: none is said to be kept.
    expect(logs.join('\n')).not.toContain('pristine copy kept');
    await first.stop();
    running.splice(0);

    const later = await startLocalRuntime({ ...config('first-night'), refitHourUtc: hourUtc }, options);
    running.push(later);
    expect(await later.seed).toEqual({ status: 'skipped', reason: 'already-seeded' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(ran).toHaveLength(2);
    expect(logs.filter((line) => line.includes('the first night now'))).toHaveLength(1);
  }, 180_000);

  it('keeps no copy of a seed that a request changed meanwhile', async () => {
    process.env.CRM_SEED_CACHE = join(root, 'copies-after-a-change');
    let proceed = () => {};
    const seeder = oneItemSeeder(new Promise<void>((resolve) => (proceed = resolve)));
    const logs: string[] = [];

    const runtime = await start('changed', seeder, logs, []);
    // Any API call that may write counts, whatever it answers.
    await fetch(`${runtime.url}/v1/customers`, { method: 'POST', body: '{}' });
    proceed();
    expect(await runtime.seed).toEqual({ status: 'seeded', summary: 'one customer' });
    await runtime.stop();

    expect(logs.join('\n')).toContain('database moved into');
    expect(logs.join('\n')).not.toContain('pristine copy kept');
    expect(readdirSync(root)).not.toContain('copies-after-a-change');
  }, 180_000);
});
