import { CampaignSendQueue, type TableClient } from '@crm/dynamodb';
import pMap from 'p-map';
import type { CampaignService } from './campaign.service.js';

/** Campaigns taken up per pass at most: a pass is bounded, the rest wait for the next one. */
export const RESUME_CAMPAIGNS_PER_PASS = 25;
/**
 * How long a pass holds a campaign it took up: longer than one resume (the send budget, 20 s), so
 * an overlapping pass never works the same campaign; if the pass dies, the campaign is due again.
 */
export const RESUME_LEASE_MS = 2 * 60_000;

export type CampaignResumeOutcome = {
  /** Campaigns a resume ran for. */
  resumed: number;
  /** Of those, the ones whose whole segment is now decided (or that could not go on). */
  finished: number;
  /** Resumes that threw: their lease runs out and a later pass tries again. */
  failed: number;
};

/**
 * The scheduled resume of campaign sends nobody is driving (the campaign page was closed): takes
 * the unfinished sends that are due — Query on their index, soonest first, at most `limit` — and
 * carries each on for one run within its tenant's send rate. Idempotent: each recipient is claimed
 * before its message goes out, so a resume that overlaps another (or the API) sends nobody twice.
 * Run by the local timer and the scheduled Lambda (functions/campaigns/campaign-sends.handler.ts).
 */
export async function resumeCampaignSends(deps: {
  table: TableClient;
  campaigns: CampaignService;
  clock: () => Date;
  limit?: number;
  /** Campaigns resumed at once. @default 2 */
  concurrency?: number;
}): Promise<CampaignResumeOutcome> {
  const queue = new CampaignSendQueue(deps.table);
  const now = deps.clock();
  const due = await queue.due(now.toISOString(), deps.limit ?? RESUME_CAMPAIGNS_PER_PASS);
  const outcome: CampaignResumeOutcome = { resumed: 0, finished: 0, failed: 0 };
  await pMap(
    due,
    async (entry) => {
      const leaseUntil = new Date(deps.clock().getTime() + RESUME_LEASE_MS).toISOString();
      if (!(await queue.claim(entry, leaseUntil))) return;
      try {
        const { done } = await deps.campaigns.resume(entry);
        outcome.resumed++;
        if (done) outcome.finished++;
      } catch (error) {
        outcome.failed++;
        console.warn(
          'campaign send resume failed',
          entry.tenantId,
          entry.campaignId,
          (error as Error).message,
        );
      }
    },
    { concurrency: deps.concurrency ?? 2 },
  );
  return outcome;
}
