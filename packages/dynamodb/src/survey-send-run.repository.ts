import type { SurveySendCounts, SurveySendRun } from '@crm/domain';
import { conditionHeld } from './condition-failure.js';
import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { keys, sortKeyPrefixes } from './keys.js';
import type { SurveyClaim } from './survey-link.repository.js';
import { TenantTable } from './tenant-table.js';

type Item = Record<string, unknown>;

/** A run as stored: the record and where its walk through the segment stands (never shown). */
export type StoredSurveySendRun = { run: SurveySendRun; cursor: string | null };

function stored(item: Item): StoredSurveySendRun {
  const { cursor, ...run } = fromItem<SurveySendRun & { cursor?: string | null }>(item);
  return { run, cursor: cursor ?? null };
}

/**
 * One tenant's survey send runs (a survey sent to a segment, page by page) and the claims that
 * keep each customer to one invitation per survey; both live in the survey's partition.
 */
export class SurveySendRunRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async create(run: SurveySendRun): Promise<void> {
    await this.table.put(
      toItem('surveySendRun', keys.surveySendRun(this.tenantId, run.surveyId, run.id), {
        ...run,
        cursor: null,
      }),
      { ConditionExpression: 'attribute_not_exists(pk)' },
    );
  }

  async get(surveyId: string, runId: string): Promise<StoredSurveySendRun | undefined> {
    const item = await this.table.get(keys.surveySendRun(this.tenantId, surveyId, runId), {
      consistent: true,
    });
    return item ? stored(item) : undefined;
  }

  /** The survey's runs, newest first (ids are ULIDs). */
  async list(surveyId: string, limit: number): Promise<SurveySendRun[]> {
    const page = await this.table.query({
      partitionValue: keys.surveyPartition(this.tenantId, surveyId),
      KeyConditionExpression: 'begins_with(sk, :run)',
      ExpressionAttributeValues: { ':run': sortKeyPrefixes.surveySendRun },
      ScanIndexForward: false,
      Limit: limit,
      ConsistentRead: true,
    });
    return page.items.map((item) => stored(item).run);
  }

  /**
   * Records one page done: the counts, the next cursor and the page number, only if the run is
   * still running at `pagesDone` pages — a second worker that did the same page meanwhile (its
   * claims kept the customers to one invitation) finds it moved on and stops. False then.
   */
  async savePage(input: {
    surveyId: string;
    runId: string;
    pagesDone: number;
    counts: SurveySendCounts;
    cursor: string | null;
    now: string;
    /** The last page: the run is finished with it. */
    finished: boolean;
  }): Promise<boolean> {
    return conditionHeld(
      this.table.update({
        Key: keys.surveySendRun(this.tenantId, input.surveyId, input.runId),
        UpdateExpression:
          'SET counts = :counts, #cursor = :cursor, pages = :next, updatedAt = :now, #version = #version + :one' +
          (input.finished ? ', #status = :finished, finishedAt = :now' : ''),
        ConditionExpression: 'attribute_exists(pk) AND pages = :done AND #status = :running',
        ExpressionAttributeNames: {
          '#cursor': 'cursor',
          '#status': 'status',
          '#version': 'version',
        },
        ExpressionAttributeValues: {
          ':counts': input.counts,
          ':cursor': input.cursor,
          ':next': input.pagesDone + 1,
          ':done': input.pagesDone,
          ':now': input.now,
          ':one': 1,
          ':running': 'running',
          ...(input.finished ? { ':finished': 'finished' } : {}),
        },
      }),
    );
  }

  /** The run cannot go on (the survey was archived, the segment deleted): failed, with why. */
  async fail(input: { surveyId: string; runId: string; failure: string; now: string }): Promise<void> {
    await conditionHeld(
      this.table.update({
        Key: keys.surveySendRun(this.tenantId, input.surveyId, input.runId),
        UpdateExpression:
          'SET #status = :failed, failure = :failure, finishedAt = :now, updatedAt = :now, #version = #version + :one',
        ConditionExpression: 'attribute_exists(pk) AND #status = :running',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: {
          ':failed': 'failed',
          ':failure': input.failure,
          ':now': input.now,
          ':one': 1,
          ':running': 'running',
        },
      }),
    );
  }

  /**
   * Takes the customer's claim to hand its invitation mail to the outbox: true for exactly one
   * caller (the worker that claimed it, or a resumed run that found it left behind).
   */
  async beginHanding(input: { surveyId: string; customerId: string; at: string }): Promise<boolean> {
    return conditionHeld(
      this.table.update({
        Key: keys.surveyClaim(this.tenantId, input.surveyId, input.customerId),
        UpdateExpression: 'SET handingAt = :at',
        ConditionExpression: 'attribute_type(handingAt, :null)',
        ExpressionAttributeValues: { ':at': input.at, ':null': 'NULL' },
      }),
    );
  }

  /** The outbox answered for the claim's mail: it took it, or refused it (`refused`). Once. */
  async markHanded(input: {
    surveyId: string;
    customerId: string;
    at: string;
    refused: boolean;
  }): Promise<void> {
    await conditionHeld(
      this.table.update({
        Key: keys.surveyClaim(this.tenantId, input.surveyId, input.customerId),
        UpdateExpression: 'SET handedAt = :at, refused = :refused',
        ConditionExpression: 'attribute_type(handedAt, :null)',
        ExpressionAttributeValues: { ':at': input.at, ':refused': input.refused, ':null': 'NULL' },
      }),
    );
  }

  /** Who invited the customer to the survey, if anyone did. */
  async claim(surveyId: string, customerId: string): Promise<SurveyClaim | undefined> {
    const item = await this.table.get(keys.surveyClaim(this.tenantId, surveyId, customerId), {
      consistent: true,
    });
    return item ? fromItem<SurveyClaim>(item) : undefined;
  }
}
