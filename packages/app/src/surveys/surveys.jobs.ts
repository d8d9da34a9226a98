import { SurveySendQueue, type TableClient } from '@crm/dynamodb';
import pMap from 'p-map';
import { SURVEY_SEND_LEASE_MS, type SurveyService } from './survey.service.js';

/** Runs taken up per pass at most: a pass is bounded, the rest wait for the next one. */
export const RESUME_SURVEY_SENDS_PER_PASS = 25;

export type SurveySendResumeOutcome = {
  /** Runs a resume worked on. */
  resumed: number;
  /** Of those, the ones now finished (or failed: they cannot go on). */
  finished: number;
  /** Resumes that threw: their lease runs out and a later pass tries again. */
  failed: number;
};

/**
 * The scheduled resume of survey send runs, as `resumeCampaignSends` is for campaigns: takes the
 * unfinished runs that are due — Query on their index, soonest first, at most `limit` — holds each
 * for a lease and carries it on for one budget. A run whose worker died is due again when its
 * lease runs out and resumes at its saved page. Idempotent: each customer is claimed once per
 * survey, so overlapping passes invite nobody twice. Run by the campaign-sends timer locally and
 * the campaign-sends Lambda in AWS.
 */
export async function resumeSurveySends(deps: {
  table: TableClient;
  surveys: SurveyService;
  clock: () => Date;
  limit?: number;
  /** Runs resumed at once. @default 2 */
  concurrency?: number;
}): Promise<SurveySendResumeOutcome> {
  const queue = new SurveySendQueue(deps.table);
  const due = await queue.due(deps.clock().toISOString(), deps.limit ?? RESUME_SURVEY_SENDS_PER_PASS);
  const outcome: SurveySendResumeOutcome = { resumed: 0, finished: 0, failed: 0 };
  await pMap(
    due,
    async (entry) => {
      const leaseUntil = new Date(deps.clock().getTime() + SURVEY_SEND_LEASE_MS).toISOString();
      if (!(await queue.claim(entry, leaseUntil))) return;
      try {
        const { done } = await deps.surveys.carryOnRun(entry);
        outcome.resumed++;
        if (done) outcome.finished++;
      } catch (error) {
        outcome.failed++;
        console.warn('survey send resume failed', entry.tenantId, entry.runId, (error as Error).message);
      }
    },
    { concurrency: deps.concurrency ?? 2 },
  );
  return outcome;
}
