import { z } from 'zod';
import { idSchema } from '../ids.js';
import { SurveyAnswerValueSchema } from './survey-answer.js';
import { LocalizedTextSchema, SurveyQuestionSchema } from './survey-template.schema.js';

/** How long a survey link can be answered. */
export const SURVEY_LINK_DAYS = 30;

/**
 * One survey sent to one customer: a personal link (only its token's hash is stored) that can be
 * answered once before `validUntil`. Answering fills `answeredAt`, `answers` and `rating`.
 */
export const SurveyInvitationSchema = z
  .object({
    id: z.string(),
    surveyId: z.string(),
    customerId: z.string(),
    /** Where the link went: a contact's address or the customer's own. */
    email: z.string(),
    sentAt: z.string(),
    sentBy: z.string(),
    validUntil: z.string(),
    answeredAt: z.string().nullable(),
    answers: z.record(z.string(), SurveyAnswerValueSchema).nullable(),
    /** The 1–5 rating the answer added to the customer's satisfaction figure, if it scored anything. */
    rating: z.number().int().nullable(),
    locale: z.enum(['zh', 'en']).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'SurveyInvitation' });
export type SurveyInvitation = z.infer<typeof SurveyInvitationSchema>;

/** The most customers one send lists by id (a segment's members go in a send run, of any size). */
export const SURVEY_SEND_MAX = 200;

export const SurveySendInputSchema = z
  .strictObject({
    customerIds: z
      .array(idSchema('a customer id'))
      .min(1, 'needs at least one customer')
      .max(SURVEY_SEND_MAX, 'at most 200 customers per send')
      .optional(),
    /** Instead of `customerIds`: the members of a saved segment, any number (a send run, 202). */
    segmentId: idSchema('a segment id').optional(),
    /** The language of the mail; the page offers both. */
    locale: z.enum(['zh', 'en']).default('zh'),
  })
  .superRefine((input, ctx) => {
    if ((input.customerIds === undefined) === (input.segmentId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['customerIds'],
        message: 'give either customerIds or segmentId, not both',
      });
    }
  })
  .meta({ id: 'SurveySendInput' });
export type SurveySendInput = z.output<typeof SurveySendInputSchema>;

/**
 * Why a listed customer was not sent the survey: `already_invited` when this survey reached it
 * before (each customer is invited once per survey), `no_consent` when it refused marketing.
 */
export const surveySkipReasons = [
  'no_email',
  'not_found',
  'archived',
  'no_consent',
  'already_invited',
] as const;

export const SurveySendResultSchema = z
  .object({
    sent: z.array(z.object({ customerId: z.string(), invitationId: z.string(), email: z.string() })),
    skipped: z.array(z.object({ customerId: z.string(), reason: z.enum(surveySkipReasons) })),
  })
  .meta({ id: 'SurveySendResult' });
export type SurveySendResult = z.infer<typeof SurveySendResultSchema>;

/** What the public page gets: the questions, the title and whose survey it is, nothing more. */
export const PublicSurveySchema = z
  .object({
    tenantName: z.string(),
    title: LocalizedTextSchema,
    intro: LocalizedTextSchema.nullable(),
    questions: z.array(SurveyQuestionSchema),
    validUntil: z.string(),
  })
  .meta({ id: 'PublicSurvey' });
export type PublicSurvey = z.infer<typeof PublicSurveySchema>;
