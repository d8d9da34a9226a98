import { z } from 'zod';

/**
 * Satisfaction and loyalty surveys (满意度, 忠诚度; DOMAIN.md §11). A template holds its title and
 * questions in both languages; the customer answers on a public page in either.
 */
export const LocalizedTextSchema = z
  .strictObject({
    zh: z.string().trim().min(1, 'must not be empty').max(500),
    en: z.string().trim().min(1, 'must not be empty').max(500),
  })
  .meta({ id: 'LocalizedText' });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const surveyQuestionKinds = ['likert', 'semantic', 'nps', 'csat', 'text'] as const;
export type SurveyQuestionKind = (typeof surveyQuestionKinds)[number];

const QuestionId = z
  .string()
  .max(40)
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be 1–40 lowercase letters, digits, - or _');

const questionBase = {
  id: QuestionId,
  text: LocalizedTextSchema,
  required: z.boolean().default(true),
};

/** Likert item (李克特量表): agreement on 1–5 or 1–7, its two ends labelled. */
export const LikertQuestionSchema = z
  .strictObject({
    ...questionBase,
    kind: z.literal('likert'),
    points: z.union([z.literal(5), z.literal(7)]),
    lowLabel: LocalizedTextSchema,
    highLabel: LocalizedTextSchema,
  })
  .meta({ id: 'LikertQuestion' });

/** Semantic differential (语义差异量表): 1–7 between two opposite adjectives. */
export const SemanticQuestionSchema = z
  .strictObject({
    ...questionBase,
    kind: z.literal('semantic'),
    left: LocalizedTextSchema,
    right: LocalizedTextSchema,
  })
  .meta({ id: 'SemanticQuestion' });

/** Net Promoter Score: how likely to recommend, 0–10. */
export const NpsQuestionSchema = z
  .strictObject({ ...questionBase, kind: z.literal('nps') })
  .meta({ id: 'NpsQuestion' });

/** Customer satisfaction (CSAT): 1 very dissatisfied … 5 very satisfied. */
export const CsatQuestionSchema = z
  .strictObject({ ...questionBase, kind: z.literal('csat') })
  .meta({ id: 'CsatQuestion' });

export const TextQuestionSchema = z
  .strictObject({ ...questionBase, kind: z.literal('text') })
  .meta({ id: 'TextQuestion' });

export const SurveyQuestionSchema = z
  .discriminatedUnion('kind', [
    LikertQuestionSchema,
    SemanticQuestionSchema,
    NpsQuestionSchema,
    CsatQuestionSchema,
    TextQuestionSchema,
  ])
  .meta({ id: 'SurveyQuestion' });
export type SurveyQuestion = z.output<typeof SurveyQuestionSchema>;

/** The scale a scored question is answered on; text questions have none. */
export function scaleOf(question: SurveyQuestion): { min: number; max: number } | null {
  switch (question.kind) {
    case 'likert':
      return { min: 1, max: question.points };
    case 'semantic':
      return { min: 1, max: 7 };
    case 'nps':
      return { min: 0, max: 10 };
    case 'csat':
      return { min: 1, max: 5 };
    case 'text':
      return null;
  }
}

const QuestionsSchema = z
  .array(SurveyQuestionSchema)
  .min(1, 'needs at least one question')
  .max(40, 'at most 40 questions')
  .superRefine((questions, ctx) => {
    const seen = new Set<string>();
    questions.forEach((question, index) => {
      if (seen.has(question.id)) {
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: 'is used by another question' });
      }
      seen.add(question.id);
    });
  });

export const surveyStatuses = ['draft', 'active', 'archived'] as const;
export const SurveyStatusSchema = z.enum(surveyStatuses).meta({ id: 'SurveyStatus' });
export type SurveyStatus = z.infer<typeof SurveyStatusSchema>;

export const SurveyTemplateInputSchema = z
  .strictObject({
    title: LocalizedTextSchema,
    intro: LocalizedTextSchema.nullable().default(null),
    questions: QuestionsSchema,
  })
  .meta({ id: 'SurveyTemplateInput' });
export type SurveyTemplateInput = z.input<typeof SurveyTemplateInputSchema>;

/**
 * Questions change only while the survey is a draft: answers collected under an active survey are
 * scored against the questions they were given.
 */
export const SurveyTemplatePatchSchema = z
  .strictObject({
    title: LocalizedTextSchema.optional(),
    intro: LocalizedTextSchema.nullable().optional(),
    questions: QuestionsSchema.optional(),
    status: SurveyStatusSchema.optional(),
    /** The version read (or If-Match); one of them is required. */
    version: z.number().int().min(1).max(1e9).optional(),
  })
  .meta({ id: 'SurveyTemplatePatch' });
export type SurveyTemplatePatch = z.infer<typeof SurveyTemplatePatchSchema>;

export const SurveyTemplateSchema = z
  .object({
    id: z.string(),
    title: LocalizedTextSchema,
    intro: LocalizedTextSchema.nullable(),
    questions: z.array(SurveyQuestionSchema),
    status: SurveyStatusSchema,
    /** Invitations sent and answered so far (all time). */
    sentCount: z.number().int(),
    answeredCount: z.number().int(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'SurveyTemplate' });
export type SurveyTemplate = z.infer<typeof SurveyTemplateSchema>;

/** Which status changes a template may make: draft → active → archived, archived → active. */
export function canChangeSurveyStatus(from: SurveyStatus, to: SurveyStatus): boolean {
  if (from === to) return true;
  if (from === 'draft') return to === 'active';
  if (from === 'active') return to === 'archived';
  return to === 'active';
}
