import type { TableClient } from './document-client.js';
import { claimDueEntry } from './due-list-claim.js';
import { platformKeys, tenantDirectory } from './keys.js';
import { PlatformTable } from './platform-table.js';

type Item = Record<string, unknown>;

/** A survey send run that is not finished, and when the scheduled resume should next take it up. */
export type SurveySendEntry = { tenantId: string; surveyId: string; runId: string; dueAt: string };

const entryOf = (item: Item): SurveySendEntry => ({
  tenantId: String(item.tenantId),
  surveyId: String(item.surveyId),
  runId: String(item.runId),
  dueAt: String(item.dueAt),
});

/**
 * The unfinished survey send runs of every tenant, as `CampaignSendQueue` is for campaigns: one
 * platform item per run (listed in the tenant's directory for its export and deletion), read by
 * Query on gsi2, soonest due first. The run item stays the truth: an entry whose run is no longer
 * running is only dropped.
 */
export class SurveySendQueue {
  private readonly platform: PlatformTable;

  constructor(client: TableClient) {
    this.platform = new PlatformTable(client);
  }

  /** Files the run (again) as due at `dueAt`. */
  async mark(entry: SurveySendEntry): Promise<void> {
    const key = platformKeys.surveySend(entry.tenantId, entry.surveyId, entry.runId);
    await this.platform.put({
      ...key,
      ...tenantDirectory.index(entry.tenantId, 'SURVEYSENDS', key.pk),
      ...platformKeys.surveySendDueIndex(entry.dueAt, entry.tenantId, entry.surveyId, entry.runId),
      ...entry,
      entityType: 'surveySend',
    });
  }

  /** The entries due at `now` or before, soonest first, at most `limit`. */
  async due(now: string, limit: number): Promise<SurveySendEntry[]> {
    const items = await this.platform.queryIndexUpTo<Item>({
      index: 'gsi2',
      partition: platformKeys.surveySendsDuePartition(),
      sortKeyAtMost: `${now}#\uffff`,
      limit,
    });
    return items.map(entryOf);
  }

  /**
   * Takes the entry for one resume: moves it to `until` if it is still due when it was read, so an
   * overlapping pass leaves it alone; if the pass dies, the run is due again at `until`.
   */
  async claim(entry: SurveySendEntry, until: string): Promise<boolean> {
    return claimDueEntry(this.platform, {
      key: platformKeys.surveySend(entry.tenantId, entry.surveyId, entry.runId),
      seenDueAt: entry.dueAt,
      until,
      untilSortKey: platformKeys.surveySendDueIndex(until, entry.tenantId, entry.surveyId, entry.runId)
        .gsi2sk,
    });
  }

  async clear(input: { tenantId: string; surveyId: string; runId: string }): Promise<void> {
    await this.platform.delete(platformKeys.surveySend(input.tenantId, input.surveyId, input.runId));
  }

  async get(input: {
    tenantId: string;
    surveyId: string;
    runId: string;
  }): Promise<SurveySendEntry | undefined> {
    const item = await this.platform.get<Item>(
      platformKeys.surveySend(input.tenantId, input.surveyId, input.runId),
    );
    return item ? entryOf(item) : undefined;
  }
}
