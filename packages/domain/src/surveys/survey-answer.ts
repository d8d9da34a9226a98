import { z } from 'zod';
import { type SurveyQuestion, type SurveyTemplate, scaleOf } from './survey-template.schema.js';

/** One answer: a point on the question's scale, or text for a free-text question. */
export const SurveyAnswerValueSchema = z.union([z.number(), z.string().max(2000)]);
export type SurveyAnswerValue = z.infer<typeof SurveyAnswerValueSchema>;

/** What the public page posts: answers by question id (unanswered optional questions left out). */
export const SurveyAnswerInputSchema = z
  .strictObject({
    answers: z.record(z.string().max(40), SurveyAnswerValueSchema),
    /** The language the customer answered in. */
    locale: z.enum(['zh', 'en']).default('zh'),
  })
  .meta({ id: 'SurveyAnswerInput' });
export type SurveyAnswerInput = z.output<typeof SurveyAnswerInputSchema>;

export type SurveyAnswerIssue = { path: string; message: string };

export type SurveyAnswerCheck =
  | { ok: true; answers: Record<string, SurveyAnswerValue> }
  | { ok: false; issues: SurveyAnswerIssue[] };

function issueOf(question: SurveyQuestion, value: SurveyAnswerValue | undefined): string | undefined {
  if (value === undefined || value === '') return question.required ? 'is required' : undefined;
  const scale = scaleOf(question);
  if (!scale) {
    return typeof value === 'string' ? undefined : 'must be text';
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be a whole number';
  if (value < scale.min || value > scale.max) return `must be between ${scale.min} and ${scale.max}`;
  return undefined;
}

/**
 * Checks an answer against the template: every required question answered, every score a whole
 * number on its question's scale, text only for text questions, no unknown question ids. Issues are
 * field-level (`answers.<questionId>`), so the page can point at the question.
 *
 * @example
 * checkSurveyAnswers(template, { nps: 11 }) // { ok: false, issues: [{ path: 'answers.nps', message: 'must be between 0 and 10' }] }
 */
export function checkSurveyAnswers(
  template: Pick<SurveyTemplate, 'questions'>,
  answers: Record<string, SurveyAnswerValue>,
): SurveyAnswerCheck {
  const issues: SurveyAnswerIssue[] = [];
  const known = new Set(template.questions.map((question) => question.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) issues.push({ path: `answers.${id}`, message: 'is not a question of this survey' });
  }
  const kept: Record<string, SurveyAnswerValue> = {};
  for (const question of template.questions) {
    const value = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    const issue = issueOf(question, value);
    if (issue) issues.push({ path: `answers.${question.id}`, message: issue });
    else if (value !== undefined && value !== '')
      kept[question.id] = typeof value === 'string' ? value.trim() : value;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, answers: kept };
}
