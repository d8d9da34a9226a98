import { describe, expect, it } from 'vitest';
import {
  csatOf,
  meanOf,
  monthlySurveyFigures,
  npsOf,
  satisfactionRatingOf,
  surveyFigures,
} from './survey-scoring.js';
import type { SurveyQuestion } from './survey-template.schema.js';

const text = (en: string) => ({ zh: en, en });
const questions: SurveyQuestion[] = [
  { id: 'nps', kind: 'nps', text: text('Recommend us?'), required: true },
  { id: 'csat', kind: 'csat', text: text('Satisfied?'), required: true },
  {
    id: 'quality',
    kind: 'likert',
    points: 7,
    text: text('Quality is good'),
    lowLabel: text('disagree'),
    highLabel: text('agree'),
    required: false,
  },
  { id: 'note', kind: 'text', text: text('Anything else?'), required: false },
];

describe('survey scoring', () => {
  it('computes NPS as % promoters minus % detractors', () => {
    // 10 answers: promoters 10,10,9 (3), passives 8,7 (2), detractors 6,5,3,0,2 (5) → 30 % − 50 % = −20
    expect(npsOf([10, 10, 9, 8, 7, 6, 5, 3, 0, 2])).toEqual({
      count: 10,
      promoters: 3,
      passives: 2,
      detractors: 5,
      nps: -20,
    });
    // 3 answers: 2 promoters, 0 detractors → 66.666… → 66.7
    expect(npsOf([9, 10, 7]).nps).toBe(66.7);
    expect(npsOf([]).nps).toBeNull();
  });

  it('computes CSAT as the share of 4 and 5', () => {
    // 4 of 6 are 4 or 5 → 66.7 %
    expect(csatOf([5, 4, 4, 3, 1, 5])).toEqual({ count: 6, satisfied: 4, csat: 66.7 });
    expect(csatOf([]).csat).toBeNull();
  });

  it('takes the mean per item, ignoring unanswered questions', () => {
    expect(meanOf([1, 2, 2])).toBe(1.67);
    const figures = surveyFigures(questions, [
      { nps: 10, csat: 5, quality: 7, note: 'great' },
      { nps: 6, csat: 3 },
      { nps: 8, csat: 4, quality: 4 },
    ]);
    expect(figures.count).toBe(3);
    // promoters 1, detractors 1 → 0
    expect(figures.nps.nps).toBe(0);
    expect(figures.csat.csat).toBe(66.7);
    expect(figures.items).toEqual([
      { questionId: 'nps', kind: 'nps', count: 3, mean: 8 },
      { questionId: 'csat', kind: 'csat', count: 3, mean: 4 },
      { questionId: 'quality', kind: 'likert', count: 2, mean: 5.5 },
      { questionId: 'note', kind: 'text', count: 1, mean: null },
    ]);
  });

  it('rolls answers up per calendar month, oldest first', () => {
    const months = monthlySurveyFigures(questions, [
      { answeredAt: '2026-11-30T23:59:59.000Z', answers: { nps: 9, csat: 5 } },
      { answeredAt: '2026-10-02T08:00:00.000Z', answers: { nps: 0, csat: 1 } },
      { answeredAt: '2026-11-01T00:00:00.000Z', answers: { nps: 10, csat: 4 } },
    ]);
    expect(months.map((m) => [m.month, m.count, m.nps.nps, m.csat.csat])).toEqual([
      ['2026-10', 1, -100, 0],
      ['2026-11', 2, 100, 100],
    ]);
  });

  it('rates the customer by CSAT when asked, else by every score rescaled onto 1–5', () => {
    expect(satisfactionRatingOf(questions, { nps: 0, csat: 2, quality: 7 })).toBe(2);
    const withoutCsat = questions.filter((q) => q.kind !== 'csat');
    // NPS 10 → 5, Likert 7 of 1–7 → 5: 5
    expect(satisfactionRatingOf(withoutCsat, { nps: 10, quality: 7 })).toBe(5);
    // NPS 5 → 1 + 5/10·4 = 3, Likert 1 → 1: mean 2
    expect(satisfactionRatingOf(withoutCsat, { nps: 5, quality: 1 })).toBe(2);
    expect(satisfactionRatingOf(withoutCsat, { note: 'only words' })).toBeNull();
  });
});
