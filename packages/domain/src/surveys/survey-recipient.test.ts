import { describe, expect, it } from 'vitest';
import { addSurveyRunOutcomes, decideSurveyRecipient } from './survey-recipient.js';
import { emptySurveySendCounts } from './survey-send-run.schema.js';

describe('decideSurveyRecipient', () => {
  it('invites a customer with an address whose consent is given or unknown', () => {
    expect(decideSurveyRecipient({ customer: { marketingConsent: true }, email: 'wang@example.cn' })).toEqual(
      {
        invite: true,
        email: 'wang@example.cn',
      },
    );
    expect(decideSurveyRecipient({ customer: {}, email: 'li@example.cn' })).toEqual({
      invite: true,
      email: 'li@example.cn',
    });
  });

  it('skips an archived customer before anything else, then a refused consent, then a missing address', () => {
    expect(
      decideSurveyRecipient({
        customer: { archivedAt: '2026-01-01T00:00:00.000Z', marketingConsent: false },
        email: undefined,
      }),
    ).toEqual({ invite: false, reason: 'archived' });
    expect(decideSurveyRecipient({ customer: { marketingConsent: false }, email: undefined })).toEqual({
      invite: false,
      reason: 'no_consent',
    });
    expect(decideSurveyRecipient({ customer: { archivedAt: null }, email: undefined })).toEqual({
      invite: false,
      reason: 'no_email',
    });
  });
});

describe('addSurveyRunOutcomes', () => {
  it('counts each outcome once and the whole page as examined', () => {
    const counts = addSurveyRunOutcomes(
      { ...emptySurveySendCounts(), examined: 10, invited: 7, alreadyInvited: 3 },
      ['invited', 'invited', 'already_invited', 'no_consent', 'no_email', 'archived', 'bounced'],
    );
    expect(counts).toEqual({
      examined: 17,
      invited: 9,
      alreadyInvited: 4,
      skippedNoConsent: 1,
      skippedNoEmail: 1,
      skippedArchived: 1,
      bounced: 1,
    });
  });

  it('leaves the counts it was given untouched', () => {
    const before = emptySurveySendCounts();
    addSurveyRunOutcomes(before, ['invited']);
    expect(before).toEqual(emptySurveySendCounts());
  });
});
