import { type SurveyQuestion, scaleOf } from './survey-template.schema.js';

type Answers = Readonly<Record<string, unknown>>;

const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;

export type NpsFigure = {
  count: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
};

/**
 * Net Promoter Score (Reichheld 2003): % promoters (9–10) minus % detractors (0–6), −100…100,
 * one decimal; null without answers.
 */
export function npsOf(scores: readonly number[]): NpsFigure {
  const promoters = scores.filter((score) => score >= 9).length;
  const detractors = scores.filter((score) => score <= 6).length;
  const count = scores.length;
  return {
    count,
    promoters,
    passives: count - promoters - detractors,
    detractors,
    nps: count === 0 ? null : round1(((promoters - detractors) / count) * 100),
  };
}

export type CsatFigure = { count: number; satisfied: number; csat: number | null };

/** CSAT: the % of answers that are 4 or 5 on the 1–5 scale, one decimal; null without answers. */
export function csatOf(scores: readonly number[]): CsatFigure {
  const satisfied = scores.filter((score) => score >= 4).length;
  return {
    count: scores.length,
    satisfied,
    csat: scores.length === 0 ? null : round1((satisfied / scores.length) * 100),
  };
}

export function meanOf(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  return round2(scores.reduce((sum, score) => sum + score, 0) / scores.length);
}

function scoresOf(answers: readonly Answers[], question: SurveyQuestion): number[] {
  return answers
    .map((answer) => answer[question.id])
    .filter((value): value is number => typeof value === 'number');
}

export type SurveyItemFigure = {
  questionId: string;
  kind: SurveyQuestion['kind'];
  count: number;
  mean: number | null;
};

export type SurveyFigures = {
  count: number;
  nps: NpsFigure;
  csat: CsatFigure;
  items: SurveyItemFigure[];
};

/**
 * NPS over every NPS question, CSAT over every CSAT question, and the mean of each scored question
 * (text questions count only their answers).
 */
export function surveyFigures(
  questions: readonly SurveyQuestion[],
  answers: readonly Answers[],
): SurveyFigures {
  const ofKind = (kind: SurveyQuestion['kind']) =>
    questions.filter((question) => question.kind === kind).flatMap((question) => scoresOf(answers, question));
  return {
    count: answers.length,
    nps: npsOf(ofKind('nps')),
    csat: csatOf(ofKind('csat')),
    items: questions.map((question) => {
      const scores = scoresOf(answers, question);
      return {
        questionId: question.id,
        kind: question.kind,
        count:
          question.kind === 'text'
            ? answers.filter((a) => typeof a[question.id] === 'string').length
            : scores.length,
        mean: question.kind === 'text' ? null : meanOf(scores),
      };
    }),
  };
}

export type MonthlySurveyFigures = SurveyFigures & { month: string };

/** The figures per calendar month (UTC) of `answeredAt`, oldest month first. */
export function monthlySurveyFigures(
  questions: readonly SurveyQuestion[],
  answered: readonly { answeredAt: string; answers: Answers }[],
): MonthlySurveyFigures[] {
  const byMonth = new Map<string, Answers[]>();
  for (const entry of answered) {
    const month = entry.answeredAt.slice(0, 7);
    const list = byMonth.get(month) ?? [];
    list.push(entry.answers);
    byMonth.set(month, list);
  }
  return [...byMonth.keys()]
    .sort()
    .map((month) => ({ month, ...surveyFigures(questions, byMonth.get(month) ?? []) }));
}

/**
 * The one 1–5 rating an answered survey adds to the customer's satisfaction figure (满意度), beside
 * complaint reviews and service follow-ups: the CSAT answers' mean when the survey asks CSAT, else
 * the mean of every scored answer rescaled linearly onto 1–5 (NPS 0–10 → 1–5, Likert 1–7 → 1–5).
 * Rounded to a whole point, as the figure's other ratings are; null when nothing scored was answered.
 */
export function satisfactionRatingOf(questions: readonly SurveyQuestion[], answers: Answers): number | null {
  const csat = questions.filter((q) => q.kind === 'csat').flatMap((q) => scoresOf([answers], q));
  if (csat.length > 0) return wholePoint(meanOf(csat));
  const rescaled = questions.flatMap((question) => {
    const scale = scaleOf(question);
    const value = answers[question.id];
    if (!scale || typeof value !== 'number') return [];
    return [1 + ((value - scale.min) / (scale.max - scale.min)) * 4];
  });
  return wholePoint(meanOf(rescaled));
}

const wholePoint = (mean: number | null) =>
  mean === null ? null : Math.min(5, Math.max(1, Math.round(mean)));
