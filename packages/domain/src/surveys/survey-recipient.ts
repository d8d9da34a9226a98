import type { SurveySendCounts } from './survey-send-run.schema.js';

/** Why a customer is not sent the survey at all. */
export type SurveyRecipientSkip = 'archived' | 'no_consent' | 'no_email';

/** What a send does with one customer, before its claim is tried. */
export type SurveyRecipientDecision =
  | { invite: true; email: string }
  | { invite: false; reason: SurveyRecipientSkip };

/**
 * Whether one customer is asked: not when archived, not when it refused or withdrew marketing
 * consent (`marketingConsent: false`; unknown consent does not stop a service survey), not without
 * an address. The address is the one `addressOf` found (a contact's or the customer's own).
 *
 * @example
 * decideSurveyRecipient({ customer: { marketingConsent: false }, email: 'a@b.cn' });
 * // → { invite: false, reason: 'no_consent' }
 */
export function decideSurveyRecipient(input: {
  customer: { archivedAt?: string | null | undefined; marketingConsent?: boolean | undefined };
  email: string | undefined;
}): SurveyRecipientDecision {
  if (input.customer.archivedAt) return { invite: false, reason: 'archived' };
  if (input.customer.marketingConsent === false) return { invite: false, reason: 'no_consent' };
  if (!input.email) return { invite: false, reason: 'no_email' };
  return { invite: true, email: input.email };
}

/** How one customer of a run ended. */
export type SurveyRunOutcome = SurveyRecipientSkip | 'invited' | 'already_invited' | 'bounced';

const countOf: Record<SurveyRunOutcome, keyof SurveySendCounts> = {
  invited: 'invited',
  already_invited: 'alreadyInvited',
  no_consent: 'skippedNoConsent',
  no_email: 'skippedNoEmail',
  archived: 'skippedArchived',
  bounced: 'bounced',
};

/**
 * The counts after a page's outcomes: `examined` grows by the page, each outcome by its own
 * count (a bounced invitation counts as bounced, not invited).
 */
export function addSurveyRunOutcomes(
  counts: SurveySendCounts,
  outcomes: SurveyRunOutcome[],
): SurveySendCounts {
  const next = { ...counts, examined: counts.examined + outcomes.length };
  for (const outcome of outcomes) next[countOf[outcome]] += 1;
  return next;
}
