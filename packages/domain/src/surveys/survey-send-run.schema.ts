import { z } from 'zod';

export const surveySendRunStatuses = ['running', 'finished', 'failed'] as const;
export type SurveySendRunStatus = (typeof surveySendRunStatuses)[number];

const count = z.number().int().min(0);

/** What a send run decided so far, customer by customer of the segment. */
export const SurveySendCountsSchema = z
  .object({
    /** Members of the segment looked at (each page's, once the page is done). */
    examined: count,
    /** Sent an invitation by this run. */
    invited: count,
    /** Invited to this survey before (by an earlier send or another run): not invited again. */
    alreadyInvited: count,
    /** Refused or withdrew marketing consent (营销许可): not asked. */
    skippedNoConsent: count,
    /** No e-mail address on the customer or its contacts. */
    skippedNoEmail: count,
    /** Archived customers. */
    skippedArchived: count,
    /** Invited, but the outbox did not take the mail. */
    bounced: count,
  })
  .meta({ id: 'SurveySendCounts' });
export type SurveySendCounts = z.infer<typeof SurveySendCountsSchema>;

export const emptySurveySendCounts = (): SurveySendCounts => ({
  examined: 0,
  invited: 0,
  alreadyInvited: 0,
  skippedNoConsent: 0,
  skippedNoEmail: 0,
  skippedArchived: 0,
  bounced: 0,
});

/**
 * One send of a survey to a saved segment, of any size: the segment is walked in pages, each
 * customer claimed once per survey, so a repeat or an overlapping send invites nobody twice.
 * `running` until the walk reaches the segment's end (`finished`) or cannot go on (`failed`,
 * with the reason: the survey was archived, the segment deleted).
 */
export const SurveySendRunSchema = z
  .object({
    id: z.string(),
    surveyId: z.string(),
    segmentId: z.string(),
    locale: z.enum(['zh', 'en']),
    status: z.enum(surveySendRunStatuses),
    counts: SurveySendCountsSchema,
    /** Pages of the segment done so far. */
    pages: count,
    failure: z.string().nullable(),
    startedAt: z.string(),
    startedBy: z.string(),
    finishedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'SurveySendRun' });
export type SurveySendRun = z.infer<typeof SurveySendRunSchema>;
