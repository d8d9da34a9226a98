import type { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { TenantNightlyOutcome } from '@crm/app/nightly';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { enqueueNightlyTenants, type NightlyTenantMessage, nightlyWorkerHandler } from './nightly-fanout.js';

type BatchInput = SendMessageBatchCommand['input'];

/** A fake SQS that records every batch and refuses the entries `refuse` names, once each. */
function fakeSqs(refuse: (body: string) => boolean = () => false) {
  const batches: BatchInput[] = [];
  const refused = new Set<string>();
  return {
    batches,
    delivered: () =>
      batches
        .flatMap((batch) => (batch.Entries ?? []).map((entry) => entry.MessageBody ?? ''))
        .filter((body, index, all) => all.indexOf(body) === index),
    client: {
      send: async (command: SendMessageBatchCommand) => {
        const input = command.input;
        batches.push(input);
        const failed = (input.Entries ?? []).filter((entry) => {
          const body = entry.MessageBody ?? '';
          if (!refuse(body) || refused.has(body)) return false;
          refused.add(body);
          return true;
        });
        return {
          Successful: [],
          Failed: failed.map((entry) => ({ Id: entry.Id, Code: 'InternalError', SenderFault: false })),
          $metadata: {},
        };
      },
    } as never,
  };
}

const tenants = Array.from({ length: 23 }, (_, index) => `tenant-${index}`);

describe('the nightly dispatcher', () => {
  it('enqueues exactly one message per tenant, ten per request', async () => {
    const sqs = fakeSqs();
    const result = await enqueueNightlyTenants({
      tenantIds: tenants,
      night: '2026-12-01',
      queueUrl: 'https://sqs.example/nightly',
      client: sqs.client,
    });
    expect(result).toEqual({ enqueued: 23 });
    expect(sqs.batches.map((batch) => batch.Entries?.length)).toEqual([10, 10, 3]);
    expect(sqs.batches.every((batch) => batch.QueueUrl === 'https://sqs.example/nightly')).toBe(true);
    const bodies = sqs.delivered().map((body) => JSON.parse(body) as { tenantId: string; night: string });
    expect(bodies.map((body) => body.tenantId).sort()).toEqual([...tenants].sort());
    expect(new Set(bodies.map((body) => body.night))).toEqual(new Set(['2026-12-01']));
  });

  it('sends the entries SQS refused again, and only those', async () => {
    const sqs = fakeSqs((body) => body.includes('"tenant-4"') || body.includes('"tenant-17"'));
    await enqueueNightlyTenants({
      tenantIds: tenants,
      night: '2026-12-01',
      queueUrl: 'q',
      client: sqs.client,
      retries: 2,
    });
    // Three batches, two of them followed by a retry of their one refused entry.
    expect(sqs.batches.map((batch) => batch.Entries?.length)).toEqual([10, 1, 10, 1, 3]);
    expect(sqs.batches[1]?.Entries?.[0]?.MessageBody).toContain('"tenant-4"');
    expect(sqs.delivered()).toHaveLength(23);
  });

  it('fails the dispatch when SQS keeps refusing an entry', async () => {
    const alwaysRefusing = {
      send: async (command: SendMessageBatchCommand) => ({
        Failed: (command.input.Entries ?? []).map((entry) => ({
          Id: entry.Id,
          Code: 'x',
          SenderFault: false,
        })),
        $metadata: {},
      }),
    } as never;
    await expect(
      enqueueNightlyTenants({
        tenantIds: ['a'],
        night: '2026-12-01',
        queueUrl: 'q',
        client: alwaysRefusing,
        retries: 1,
      }),
    ).rejects.toThrow(/refused 1/);
  });
});

const record = (messageId: string, body: unknown): SQSRecord =>
  ({ messageId, body: typeof body === 'string' ? body : JSON.stringify(body) }) as SQSRecord;

const outcome = (tenantId: string, failed: TenantNightlyOutcome['failed'] = []): TenantNightlyOutcome => ({
  tenantId,
  jobs: {},
  failed,
  ms: 1,
});

describe('the nightly worker', () => {
  const context = { getRemainingTimeInMillis: () => 60_000 } as Context;
  const invoke = (handler: ReturnType<typeof nightlyWorkerHandler>, event: SQSEvent) =>
    (handler as unknown as (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>)(event, context);

  it('reports a tenant whose jobs failed as a batch item failure, and only that one', async () => {
    const ran: string[] = [];
    const handler = nightlyWorkerHandler(async (tenantId) => {
      ran.push(tenantId);
      return tenantId === 'broken'
        ? outcome(tenantId, [{ job: 'credit', message: 'boom' }])
        : outcome(tenantId);
    });
    const response = await invoke(handler, {
      Records: [
        record('m1', { tenantId: 'fine', night: '2026-12-01' }),
        record('m2', { tenantId: 'broken', night: '2026-12-01' }),
        record('m3', { tenantId: 'also-fine', night: '2026-12-01' }),
      ],
    });
    expect(ran.sort()).toEqual(['also-fine', 'broken', 'fine']);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm2' }]);
  });

  it('reports a job that throws, and a malformed message, as failures too', async () => {
    const handler = nightlyWorkerHandler(async (tenantId) => {
      if (tenantId === 'crashing') throw new Error('DynamoDB unavailable');
      return outcome(tenantId);
    });
    const response = await invoke(handler, {
      Records: [
        record('m1', { tenantId: 'crashing', night: '2026-12-01' }),
        record('m2', 'not json'),
        record('m3', { tenantId: 'fine', night: '2026-12-01' }),
      ],
    });
    const failed = response.batchItemFailures.map((failure) => failure.itemIdentifier).sort();
    expect(failed).toEqual(['m1', 'm2']);
  });

  it('answers no failures when every tenant’s night succeeded', async () => {
    const done: string[] = [];
    const handler = nightlyWorkerHandler(
      async (tenantId) => outcome(tenantId),
      (result) => done.push(result.tenantId),
    );
    const response = await invoke(handler, {
      Records: [record('m1', { tenantId: 'a', night: '2026-12-01' })],
    });
    expect(response.batchItemFailures).toEqual([]);
    expect(done).toEqual(['a']);
  });

  it('puts the rest of a night cut short back on the queue, and resumes a continuation where it stopped', async () => {
    const calls: { tenantId: string; resume: unknown; limited: boolean }[] = [];
    const continued: NightlyTenantMessage[] = [];
    let remainingMs = 14 * 60_000;
    const handler = nightlyWorkerHandler(
      async (tenantId, options) => {
        calls.push({ tenantId, resume: options.resume, limited: options.hasTime !== undefined });
        // The runner asks before each further piece; the invocation's clock decides.
        remainingMs -= 5 * 60_000;
        return options.hasTime?.() === false
          ? { ...outcome(tenantId), continuation: { job: 'churn', cursor: 'page-7' } }
          : outcome(tenantId);
      },
      undefined,
      { continueWith: async (message) => void continued.push(message) },
    );
    const context = { getRemainingTimeInMillis: () => remainingMs } as Context;
    const run = (event: SQSEvent) =>
      (handler as unknown as (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>)(
        event,
        context,
      );

    const first = await run({ Records: [record('m1', { tenantId: 'big', night: '2026-12-01' })] });
    expect(first.batchItemFailures).toEqual([]);
    expect(continued).toEqual([
      { tenantId: 'big', night: '2026-12-01', resume: { job: 'churn', cursor: 'page-7' } },
    ]);

    remainingMs = 14 * 60_000 + 5 * 60_000;
    const second = await run({ Records: [record('m2', continued[0])] });
    expect(second.batchItemFailures).toEqual([]);
    expect(calls).toEqual([
      { tenantId: 'big', resume: undefined, limited: true },
      { tenantId: 'big', resume: { job: 'churn', cursor: 'page-7' }, limited: true },
    ]);
    expect(continued).toHaveLength(1);
  });

  it('retries a failed piece from its own resume point rather than continuing past it', async () => {
    const continued: NightlyTenantMessage[] = [];
    const handler = nightlyWorkerHandler(
      async (tenantId) =>
        tenantId === 'a'
          ? { ...outcome(tenantId, [{ job: 'refit', message: 'boom' }]), continuation: { job: 'credit' } }
          : outcome(tenantId),
      undefined,
      { continueWith: async (message) => void continued.push(message) },
    );
    const response = await invoke(handler, {
      Records: [
        record('m1', { tenantId: 'a', night: '2026-12-01', resume: { job: 'refit' } }),
        record('m2', { tenantId: 'b', night: '2026-12-01' }),
      ],
    });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(continued).toEqual([]);
  });

  it('keeps an on-demand refit’s continuation to the refit alone, in its own continuations too', async () => {
    const only: unknown[] = [];
    const continued: NightlyTenantMessage[] = [];
    const handler = nightlyWorkerHandler(
      async (tenantId, options) => {
        only.push(options.only);
        return { ...outcome(tenantId), continuation: { job: 'refit', cursor: 'run-1' } };
      },
      undefined,
      { continueWith: async (message) => void continued.push(message) },
    );
    const message = {
      tenantId: 'big',
      night: '2026-12-01',
      resume: { job: 'refit', cursor: 'run-1' },
      only: ['refit'],
    };
    const response = await invoke(handler, { Records: [record('m1', message)] });
    expect(response.batchItemFailures).toEqual([]);
    expect(only).toEqual([['refit']]);
    expect(continued).toEqual([message]);
  });

  it('refuses a continuation whose resume point is malformed', async () => {
    const handler = nightlyWorkerHandler(async (tenantId) => outcome(tenantId));
    const response = await invoke(handler, {
      Records: [
        record('m1', { tenantId: 'a', night: '2026-12-01', resume: { job: '' } }),
        record('m2', { tenantId: 'b', night: '2026-12-01' }),
      ],
    });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
  });
});
