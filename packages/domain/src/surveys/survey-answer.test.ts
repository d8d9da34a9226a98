import { describe, expect, it } from 'vitest';
import { checkSurveyAnswers } from './survey-answer.js';
import { SurveyTemplateInputSchema } from './survey-template.schema.js';

const text = (en: string) => ({ zh: `中文 ${en}`, en });
const template = SurveyTemplateInputSchema.parse({
  title: text('Service survey'),
  questions: [
    { id: 'nps', kind: 'nps', text: text('Recommend us?') },
    {
      id: 'friendly',
      kind: 'semantic',
      text: text('The staff were'),
      left: text('rude'),
      right: text('friendly'),
    },
    {
      id: 'quality',
      kind: 'likert',
      points: 5,
      text: text('Quality'),
      lowLabel: text('poor'),
      highLabel: text('excellent'),
      required: false,
    },
    { id: 'note', kind: 'text', text: text('Anything else?'), required: false },
  ],
});

describe('checkSurveyAnswers', () => {
  it('accepts scores on each scale and leaves out skipped optional questions', () => {
    expect(checkSurveyAnswers(template, { nps: 0, friendly: 7, note: ' thanks ' })).toEqual({
      ok: true,
      answers: { nps: 0, friendly: 7, note: 'thanks' },
    });
  });

  it('names every out-of-scale, missing, fractional or unknown answer by question', () => {
    const result = checkSurveyAnswers(template, { nps: 11, quality: 2.5, note: 3, extra: 1 });
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: 'answers.extra', message: 'is not a question of this survey' },
        { path: 'answers.nps', message: 'must be between 0 and 10' },
        { path: 'answers.friendly', message: 'is required' },
        { path: 'answers.quality', message: 'must be a whole number' },
        { path: 'answers.note', message: 'must be text' },
      ],
    });
    expect(checkSurveyAnswers(template, { nps: 5, friendly: 8 })).toMatchObject({
      ok: false,
      issues: [{ path: 'answers.friendly', message: 'must be between 1 and 7' }],
    });
  });
});

describe('SurveyTemplateInputSchema', () => {
  it('refuses duplicate question ids and a Likert scale other than 5 or 7', () => {
    const result = SurveyTemplateInputSchema.safeParse({
      title: text('x'),
      questions: [
        { id: 'a', kind: 'csat', text: text('a') },
        { id: 'a', kind: 'likert', points: 6, text: text('b'), lowLabel: text('l'), highLabel: text('h') },
      ],
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toContain('questions.1.points');
  });
});
