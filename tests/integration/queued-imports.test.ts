import { type ImportRequest, ImportService, type ImportUpload, type ImportUploads } from '@crm/app/imports';
import { ImportRepository, sharedClientFactory } from '@crm/dynamodb';
import { createApp } from '@crm/http';
import { beforeAll, describe, expect, it } from 'vitest';
import { withContractCheck } from '../support/contract-check.js';
import { call, type SignedUpTenant, signUpTenant, testSigningKey } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

/** S3 stand-in: the one thing replaced, with the object store's semantics (put, get, delete). */
function memoryUploads(): ImportUploads & { keys: () => string[] } {
  const objects = new Map<string, string>();
  return {
    put: async (key, upload) => void objects.set(key, JSON.stringify(upload)),
    get: async (key) => {
      const text = objects.get(key);
      return text === undefined ? undefined : (JSON.parse(text) as ImportUpload);
    },
    delete: async (key) => void objects.delete(key),
    keys: () => [...objects.keys()],
  };
}

const customersCsv = [
  'customer_id,name,kind',
  'Q1,Queued One,consumer',
  'Q2,,consumer',
  'Q3,Queued Three,business',
].join('\n');

async function upload(app: ReturnType<typeof createApp>, owner: SignedUpTenant, query: string, body: string) {
  const response = await app.request(`/v1/imports?${query}`, {
    method: 'POST',
    headers: { ...owner.auth, 'content-type': 'text/csv' },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('imports that outlive the request (the AWS shape, DynamoDB Local)', () => {
  const uploads = memoryUploads();
  const dispatched: ImportRequest[] = [];
  let failDispatch = false;
  const queue = {
    uploads,
    dispatch: async (request: ImportRequest) => {
      if (failDispatch) throw new Error('Lambda is throttled');
      dispatched.push(request);
    },
  };
  const app = withContractCheck(
    createApp({ table: testTableClient(), signingKey: testSigningKey, importQueue: queue }),
  );
  // The import worker Lambda's core, with the same uploads.
  const worker = new ImportService({
    tenantClient: sharedClientFactory(testTableClient()),
    clock: () => new Date(),
    queue,
  });
  let owner: SignedUpTenant;

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Queued imports');
  });

  it('accepts with 202, then the worker runs the stored file under the same job', async () => {
    const accepted = await upload(app, owner, 'kind=customers', customersCsv);

    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ status: 'queued', dryRun: false, rowsRead: 0 });
    const importId = accepted.body.id as string;
    expect(dispatched).toEqual([{ tenantId: owner.tenantId, importId }]);
    expect(uploads.keys()).toEqual([`imports/${owner.tenantId}/${importId}.json`]);
    const waiting = await call(app, 'GET', `/v1/imports/${importId}`, { auth: owner.auth });
    expect(waiting.body).toMatchObject({ status: 'queued' });
    // One import at a time per tenant: the queued one holds the lock.
    expect((await upload(app, owner, 'kind=customers', customersCsv)).status).toBe(409);

    const report = await worker.runQueued({ tenantId: owner.tenantId, importId });
    const again = await worker.runQueued({ tenantId: owner.tenantId, importId });

    expect(report).toMatchObject({ id: importId, status: 'completed', rowsWritten: 2, rowsRejected: 1 });
    expect(again).toBeUndefined();
    expect(uploads.keys()).toEqual([]);
    const done = await call(app, 'GET', `/v1/imports/${importId}`, { auth: owner.auth });
    expect(done.body).toMatchObject({
      status: 'completed',
      customersCreated: 2,
      rejected: [{ row: 3, field: 'name', reason: expect.any(String) }],
    });
    const customers = await call(app, 'GET', '/v1/customers?sort=name&order=asc', { auth: owner.auth });
    expect((customers.body.items as { name: string }[]).map((c) => c.name)).toEqual([
      'Queued One',
      'Queued Three',
    ]);
  });

  it('still answers a dry run in the request, writing nothing and queueing nothing', async () => {
    const before = dispatched.length;
    const dry = await upload(app, owner, 'kind=customers&dryRun=true', customersCsv);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, rowsRead: 3 });
    expect(dispatched).toHaveLength(before);
  });

  it('fails the job and frees the lock when the worker cannot be started', async () => {
    failDispatch = true;
    const refused = await upload(app, owner, 'kind=customers', customersCsv);
    failDispatch = false;

    expect(refused.status).toBe(422);
    const importId = (refused.body.error as { details: { importId: string } }).details.importId;
    const job = await call(app, 'GET', `/v1/imports/${importId}`, { auth: owner.auth });
    expect(job.body).toMatchObject({ status: 'failed' });
    expect((await upload(app, owner, 'kind=customers', customersCsv)).status).toBe(202);
  });

  it('marks an import stuck in queued failed from a scheduled pass, once, and drops its file when the worker comes', async () => {
    const fresh = await signUpTenant(app, 'Stuck import');
    const accepted = await upload(app, fresh, 'kind=customers', customersCsv);
    const importId = accepted.body.id as string;
    expect(await worker.failStuckJobs({ tenantId: fresh.tenantId })).toEqual([]);
    // Its worker never came: 16 minutes on, the lock has expired and another import took it.
    await new ImportRepository(testTableClient(), fresh.tenantId).lock(
      '01OTHERIMPORT0000000000000',
      new Date(Date.now() + 16 * 60_000),
    );

    const failed = await worker.failStuckJobs({ tenantId: fresh.tenantId });
    const again = await worker.failStuckJobs({ tenantId: fresh.tenantId });

    expect(failed).toEqual([
      expect.objectContaining({
        id: importId,
        status: 'failed',
        error: expect.stringContaining('Interrupted'),
      }),
    ]);
    expect(again).toEqual([]);
    expect(uploads.keys()).toContain(`imports/${fresh.tenantId}/${importId}.json`);
    expect(await worker.runQueued({ tenantId: fresh.tenantId, importId })).toBeUndefined();
    expect(uploads.keys()).not.toContain(`imports/${fresh.tenantId}/${importId}.json`);
  });

  it('fails a queued import whose lock another import took after it expired', async () => {
    const fresh = await signUpTenant(app, 'Late worker');
    const accepted = await upload(app, fresh, 'kind=customers', customersCsv);
    expect(accepted.status).toBe(202);
    const importId = accepted.body.id as string;
    // 16 minutes on, the accepted import's lock has expired and another import holds it.
    const later = new Date(Date.now() + 16 * 60_000);
    await new ImportRepository(testTableClient(), fresh.tenantId).lock('01OTHERIMPORT0000000000000', later);
    // Without the lock it is no longer alive: the read records it as failed rather than "queued"
    // forever (the stored change raises import.failed).
    const stalled = await call(app, 'GET', `/v1/imports/${importId}`, { auth: fresh.auth });
    expect(stalled.body).toMatchObject({ status: 'failed', error: expect.stringContaining('Interrupted') });
    const stored = await new ImportRepository(testTableClient(), fresh.tenantId).getJob(importId);
    expect(stored).toMatchObject({ status: 'failed', finishedAt: expect.any(String) });

    // The worker that comes late finds it failed and imports nothing.
    expect(await worker.runQueued({ tenantId: fresh.tenantId, importId })).toBeUndefined();

    const job = await call(app, 'GET', `/v1/imports/${importId}`, { auth: fresh.auth });
    expect(job.body).toMatchObject({ status: 'failed', error: expect.stringContaining('Interrupted') });
    const customers = await call(app, 'GET', '/v1/customers', { auth: fresh.auth });
    expect(customers.body.items).toEqual([]);
  });

  it('keeps another tenant away from a queued import', async () => {
    const other = await signUpTenant(app, 'Other');
    const [last] = dispatched.slice(-1);
    const peek = await call(app, 'GET', `/v1/imports/${last?.importId}`, { auth: other.auth });
    expect(peek.status).toBe(404);
    // The worker only acts on a job of the tenant named in its request.
    expect(
      await worker.runQueued({ tenantId: other.tenantId, importId: last?.importId as string }),
    ).toBeUndefined();
  });
});
