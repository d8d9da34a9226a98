import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import {
  SendMessageBatchCommand,
  type SendMessageBatchCommandOutput,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { TenantNightlyOutcome } from '@crm/app/nightly';
import type { SQSEvent, SQSHandler, SQSRecord } from 'aws-lambda';
import pRetry from 'p-retry';
import { z } from 'zod';

/** One message of the nightly queue: run every nightly job for this tenant, for this night. */
export const NightlyTenantMessageSchema = z.object({
  tenantId: z.string().min(1),
  /** The night (UTC calendar day) the dispatcher ran for, so logs of a retried message say which. */
  night: z.iso.date(),
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
 * The worker's work for one message: every nightly job for its tenant. Throws when a job failed,
 * so the batch reports this message (and only it) as failed: SQS redelivers it after the
 * visibility timeout and, after the last receive, moves it to the DLQ.
 */
export async function runNightlyTenantMessage(
  body: string,
  runForTenant: (tenantId: string) => Promise<TenantNightlyOutcome>,
): Promise<TenantNightlyOutcome> {
  const message = NightlyTenantMessageSchema.parse(JSON.parse(body));
  const outcome = await runForTenant(message.tenantId);
  if (outcome.failed.length > 0) {
    throw new Error(
      `nightly jobs failed for tenant ${message.tenantId} (${message.night}): ${outcome.failed
        .map((failure) => `${failure.job}: ${failure.message}`)
        .join('; ')}`,
    );
  }
  return outcome;
}

/**
 * The worker's SQS handler (batch size 1 in AWS, but correct for any size): each record is one
 * tenant; a failed tenant is reported as a batch item failure, so SQS retries it alone and the
 * other records of the batch count as done.
 */
export function nightlyWorkerHandler(
  runForTenant: (tenantId: string) => Promise<TenantNightlyOutcome>,
  onDone: (outcome: TenantNightlyOutcome, record: SQSRecord) => void = () => {},
): SQSHandler {
  const processor = new BatchProcessor(EventType.SQS);
  return (event: SQSEvent, context) =>
    processPartialResponse(
      event,
      async (record: SQSRecord) => onDone(await runNightlyTenantMessage(record.body, runForTenant), record),
      processor,
      { context },
    );
}
