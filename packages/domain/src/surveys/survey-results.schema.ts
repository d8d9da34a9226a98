import { z } from 'zod';
import { surveyQuestionKinds } from './survey-template.schema.js';

const NpsFigureSchema = z.object({
  count: z.number().int(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  nps: z.number().nullable(),
});
const CsatFigureSchema = z.object({
  count: z.number().int(),
  satisfied: z.number().int(),
  csat: z.number().nullable(),
});
const ItemFigureSchema = z.object({
  questionId: z.string(),
  kind: z.enum(surveyQuestionKinds),
  count: z.number().int(),
  mean: z.number().nullable(),
});
const FiguresShape = {
  count: z.number().int(),
  nps: NpsFigureSchema,
  csat: CsatFigureSchema,
  items: z.array(ItemFigureSchema),
};

export const SurveyResultsSchema = z
  .object({
    surveyId: z.string(),
    from: z.string(),
    to: z.string(),
    /** Invitations sent in the range, and how many of those were answered. */
    sent: z.number().int(),
    answeredOfSent: z.number().int(),
    /** answeredOfSent / sent in %, one decimal; null when nothing was sent in the range. */
    responseRate: z.number().nullable(),
    ...FiguresShape,
    months: z.array(z.object({ month: z.string(), ...FiguresShape })),
  })
  .meta({ id: 'SurveyResults' });
export type SurveyResults = z.infer<typeof SurveyResultsSchema>;

/** The range of a results request: whole days, `to` inclusive; defaults to the last 12 months. */
export const SurveyResultsQuerySchema = z.strictObject({
  from: z.iso.date('must be a date YYYY-MM-DD').max(10).optional(),
  to: z.iso.date('must be a date YYYY-MM-DD').max(10).optional(),
});
