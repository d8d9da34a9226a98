import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import {
  SendMessageBatchCommand,
  type SendMessageBatchCommandOutput,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { NightlyResumePoint, NightlyRunOptions, TenantNightlyOutcome } from '@crm/app/nightly';
import type { SQSEvent, SQSHandler, SQSRecord } from 'aws-lambda';
import pRetry from 'p-retry';
import { z } from 'zod';

/** One message of the nightly queue: run every nightly job for this tenant, for this night. */
export const NightlyTenantMessageSchema = z.object({
  tenantId: z.string().min(1),
  /** The night (UTC calendar day) the dispatcher ran for, so logs of a retried message say which. */
  night: z.iso.date(),
  /** A continuation: where the tenant's night stopped when an earlier invocation ran short. */
  resume: z.object({ job: z.string().min(1), cursor: z.string().min(1).optional() }).optional(),
  /** Only these jobs: an on-demand refit that ran short in the refit Lambda goes on here (`['refit']`). */
  only: z.array(z.string().min(1)).min(1).optional(),
});
export type NightlyTenantMessage = z.infer<typeof NightlyTenantMessageSchema>;

/** SQS takes at most 10 messages per SendMessageBatch. */
const BATCH = 10;

type Sender = Pick<SQSClient, 'send'>;

/**
 * The dispatcher's work: one message per tenant on the nightly queue, ten per request. Entries
 * SQS reports as failed are sent again (p-retry, with backoff); the night fails only if some
 * still fail, and then the scheduler's retry dispatches again (a tenant run twice is harmless).
 */
export async function enqueueNightlyTenants(options: {
  tenantIds: readonly string[];
  night: string;
  queueUrl: string;
  client: Sender;
  retries?: number;
}): Promise<{ enqueued: number }> {
  for (let start = 0; start < options.tenantIds.length; start += BATCH) {
    let pending = options.tenantIds.slice(start, start + BATCH).map((tenantId, index) => ({
      Id: String(index),
      MessageBody: JSON.stringify({ tenantId, night: options.night } satisfies NightlyTenantMessage),
    }));
    await pRetry(
      async () => {
        const result: SendMessageBatchCommandOutput = await options.client.send(
          new SendMessageBatchCommand({ QueueUrl: options.queueUrl, Entries: pending }),
        );
        const failed = new Set((result.Failed ?? []).map((entry) => entry.Id));
        pending = pending.filter((entry) => failed.has(entry.Id));
        if (pending.length > 0) {
          throw new Error(`SQS refused ${pending.length} nightly messages: ${JSON.stringify(result.Failed)}`);
        }
      },
      { retries: options.retries ?? 4, minTimeout: 200 },
    );
  }
  return { enqueued: options.tenantIds.length };
}

/**
 * A piece is started only while this much of the invocation remains: the longest piece that
 * cannot stop half-way (one tenant's refit, or a page of another job) must fit in it.
 */
export const NIGHTLY_PIECE_RESERVE_MS = 10 * 60_000;

/** Runs (part of) a tenant's night: from `resume`, while `hasTime` allows another piece. */
export type RunForTenant = (tenantId: string, options: NightlyRunOptions) => Promise<TenantNightlyOutcome>;
/** Puts a tenant's continuation message on the nightly queue. */
export type ContinueTenant = (message: NightlyTenantMessage) => Promise<void>;

/** The nightly queue's continuation sender: one message, due at once. */
export function sqsNightlyContinuation(queueUrl: string, client: Sender): ContinueTenant {
  return async (message) => {
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
  };
}

/**
 * The worker's work for one message: the tenant's nightly jobs from where the message says,
 * while the invocation has time. Throws when a job failed, so the batch reports this message
 * (and only it) as failed: SQS redelivers it (same resume point) after the visibility timeout
 * and, after the last receive, moves it to the DLQ. When the time ran short, the rest of the
 * night goes back on the queue as a continuation message and this one is done: a tenant of any
 * size finishes in as many invocations as it needs (docs/scaling.md).
 */
export async function runNightlyTenantMessage(
  body: string,
  runForTenant: RunForTenant,
  options: { hasTime?: () => boolean; continueWith?: ContinueTenant } = {},
): Promise<TenantNightlyOutcome> {
  const message = NightlyTenantMessageSchema.parse(JSON.parse(body));
  const outcome = await runForTenant(message.tenantId, {
    ...(message.resume ? { resume: message.resume } : {}),
    ...(message.only ? { only: message.only } : {}),
    ...(options.hasTime && options.continueWith ? { hasTime: options.hasTime } : {}),
  });
  if (outcome.failed.length > 0) {
    throw new Error(
      `nightly jobs failed for tenant ${message.tenantId} (${message.night}): ${outcome.failed
        .map((failure) => `${failure.job}: ${failure.message}`)
        .join('; ')}`,
    );
  }
  if (outcome.continuation) {
    if (!options.continueWith) throw new Error('a night stopped short with nowhere to continue it');
    const resume: NightlyResumePoint = outcome.continuation;
    await options.continueWith({
      tenantId: message.tenantId,
      night: message.night,
      resume,
      ...(message.only ? { only: message.only } : {}),
    });
  }
  return outcome;
}

/**
 * The worker's SQS handler (batch size 1 in AWS, but correct for any size): each record is one
 * tenant (or the rest of one); a failed tenant is reported as a batch item failure, so SQS
 * retries it alone and the other records of the batch count as done. With `continueWith`, a
 * piece starts only while `reserveMs` of the invocation remains.
 */
export function nightlyWorkerHandler(
  runForTenant: RunForTenant,
  onDone: (outcome: TenantNightlyOutcome, record: SQSRecord) => void = () => {},
  options: { continueWith?: ContinueTenant; reserveMs?: number } = {},
): SQSHandler {
  const processor = new BatchProcessor(EventType.SQS);
  const reserveMs = options.reserveMs ?? NIGHTLY_PIECE_RESERVE_MS;
  return (event: SQSEvent, context) =>
    processPartialResponse(
      event,
      async (record: SQSRecord) =>
        onDone(
          await runNightlyTenantMessage(record.body, runForTenant, {
            hasTime: () => context.getRemainingTimeInMillis() > reserveMs,
            ...(options.continueWith ? { continueWith: options.continueWith } : {}),
          }),
          record,
        ),
      processor,
      { context },
    );
}
