import type { components, paths } from '../../../lib/api/schema.js';

type InsightsAnswer =
  paths['/v1/customers/{customerId}/insights']['get']['responses'][200]['content']['application/json'];

/** The `/insights` answer; `stored` is read defensively (the generated type of a nullable ref is odd). */
export type CustomerInsights = Omit<InsightsAnswer, 'stored'> & { stored: unknown };
export type CustomerScores = components['schemas']['CustomerScores'];
/** A purchase model's parameters by name (r, alpha, a, b; k for CNBD; s, beta for Pareto/NBD). */
type PurchaseModelParams = Readonly<Record<string, number>>;
type GammaGammaParams = NonNullable<NonNullable<CustomerInsights['model']>['gammaGamma']>;
type ClvOptions = NonNullable<NonNullable<CustomerInsights['model']>['clv']>;

/** The repeat-purchase summary BG/NBD reads (weeks; same-day orders merged). */
export type RepeatInputs = { x: number; tx: number; T: number };

/** Each number of the header with the inputs, parameters and rule the API says produced it. */
export type Explanations = {
  pAlive: {
    value: number;
    equation: string | null;
    inputs: RepeatInputs;
    /** The tenant's chosen purchase model the numbers come from (issue 13). */
    model: string | null;
    params: PurchaseModelParams | null;
  };
  expectedPurchases90d: { value: number | null; equation: string | null };
  nextPurchase: { date: string | null; medianWeeks: number | null; rule: string | null };
  clv: {
    value: number | null;
    expectedSpend: number | null;
    discountedPurchases: number | null;
    spendCount: number | null;
    meanSpend: number | null;
    params: GammaGammaParams | null;
    options: ClvOptions | null;
    equation: string | null;
  };
  rfm: {
    r: number;
    f: number;
    m: number;
    code: string | null;
    segment: string | null;
    recencyDays: number | null;
    frequency: number | null;
    monetary: number | null;
  } | null;
  abc: { abcClass: string | null; value: number | null; minA: number | null; minB: number | null };
  lifecycle: {
    stage: string;
    rule: string | null;
    tenureWeeks: number | null;
    repeatPurchases: number | null;
    pAlive: number | null;
    trend: number | null;
  };
  relationship: {
    level: string;
    rule: string | null;
    customersInClass: number | null;
    marginRate: number | null;
  } | null;
};

/**
 * What the header can say about the customer's scores:
 * - `no-fit`: the tenant's model has not been fitted yet (nothing to score with);
 * - `no-orders`: fitted, but this customer has no order to score;
 * - `scored`: the numbers and why; `oneTimeBuyer` when x = 0, where P(alive) = 1 means nothing yet.
 */
export type ScoreView =
  | { state: 'no-fit' }
  | { state: 'no-orders' }
  | {
      state: 'scored';
      scores: CustomerScores;
      oneTimeBuyer: boolean;
      model: NonNullable<CustomerInsights['model']> | null;
      asOf: string | null;
      why: Explanations;
    };

function record(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Readonly<Record<string, unknown>>)
    : undefined;
}

function numberAt(value: unknown, key: string): number | null {
  const found = record(value)?.[key];
  return typeof found === 'number' && Number.isFinite(found) ? found : null;
}

function stringAt(value: unknown, key: string): string | null {
  const found = record(value)?.[key];
  return typeof found === 'string' ? found : null;
}

function paramsAt(value: unknown): PurchaseModelParams | null {
  const entries = Object.entries(record(value) ?? {}).filter(
    (entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]),
  );
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}

function gammaGammaAt(value: unknown): GammaGammaParams | null {
  const p = numberAt(value, 'p');
  const q = numberAt(value, 'q');
  const gamma = numberAt(value, 'gamma');
  return p === null || q === null || gamma === null ? null : { p, q, gamma };
}

function clvOptionsAt(value: unknown): ClvOptions | null {
  const horizonMonths = numberAt(value, 'horizonMonths');
  const monthlyDiscountRate = numberAt(value, 'monthlyDiscountRate');
  const margin = numberAt(value, 'margin');
  return horizonMonths === null || monthlyDiscountRate === null || margin === null
    ? null
    : { horizonMonths, monthlyDiscountRate, margin };
}

/**
 * Reads the `/insights` answer. Its `insights` object is typed loosely by the API (a record of
 * explanations), so each value is checked here and falls back to the scores when missing.
 */
export function readInsights(response: CustomerInsights): ScoreView {
  if (!response.model) return { state: 'no-fit' };
  const stored = (record(response.stored) as CustomerScores | undefined) ?? null;
  const body = record(response.insights);
  const scores = (record(body?.scores) as CustomerScores | undefined) ?? stored;
  if (!body || !scores) return { state: 'no-orders' };
  const model = response.model;

  const pAlive = record(body.pAlive);
  const repeat = record(pAlive?.inputs) ?? scores.inputs;
  const inputs: RepeatInputs = {
    x: numberAt(repeat, 'x') ?? scores.inputs.x,
    tx: numberAt(repeat, 'tx') ?? scores.inputs.tx,
    T: numberAt(repeat, 'T') ?? scores.inputs.T,
  };
  const expected = record(body.expectedPurchases90d);
  const next = record(body.nextPurchase);
  const clv = record(body.clv);
  const rfm = record(body.rfm);
  const abc = record(body.abc);
  const lifecycle = record(body.lifecycle);
  const relationship = record(body.relationship);

  const why: Explanations = {
    pAlive: {
      value: numberAt(pAlive, 'value') ?? scores.pAlive,
      equation: stringAt(pAlive, 'equation'),
      inputs,
      model: stringAt(pAlive, 'model'),
      params: paramsAt(pAlive?.params) ?? model.bgnbd,
    },
    expectedPurchases90d: {
      value: numberAt(expected, 'value') ?? scores.expectedPurchases90d,
      equation: stringAt(expected, 'equation'),
    },
    nextPurchase: {
      date: next ? stringAt(next, 'date') : scores.nextPurchaseAt,
      medianWeeks: numberAt(next, 'medianWeeks'),
      rule: stringAt(next, 'rule'),
    },
    clv: {
      value: clv ? numberAt(clv, 'value') : scores.clv,
      expectedSpend: numberAt(clv, 'expectedSpend') ?? scores.expectedSpend,
      discountedPurchases: numberAt(clv, 'discountedPurchases'),
      spendCount: numberAt(clv?.spendInputs, 'spendCount') ?? scores.inputs.spendCount,
      meanSpend: numberAt(clv?.spendInputs, 'meanSpend') ?? scores.inputs.meanSpend,
      params: gammaGammaAt(clv?.params) ?? model.gammaGamma,
      options: clvOptionsAt(clv?.options) ?? model.clv,
      equation: stringAt(clv, 'equation'),
    },
    rfm: rfm
      ? {
          r: numberAt(rfm, 'r') ?? 0,
          f: numberAt(rfm, 'f') ?? 0,
          m: numberAt(rfm, 'm') ?? 0,
          code: stringAt(rfm, 'code'),
          segment: stringAt(rfm, 'segment') ?? scores.segment,
          recencyDays: numberAt(rfm.values, 'recencyDays'),
          frequency: numberAt(rfm.values, 'frequency'),
          monetary: numberAt(rfm.values, 'monetary'),
        }
      : null,
    abc: {
      abcClass: stringAt(abc, 'abcClass') ?? scores.abcClass,
      value: numberAt(abc, 'value') ?? scores.inputs.totalAmount,
      minA: numberAt(abc?.cutoffs, 'minA'),
      minB: numberAt(abc?.cutoffs, 'minB'),
    },
    lifecycle: {
      stage: stringAt(lifecycle, 'stage') ?? scores.lifecycleSuggestion.stage,
      rule: stringAt(lifecycle, 'rule') ?? scores.lifecycleSuggestion.rule,
      tenureWeeks: numberAt(lifecycle?.inputs, 'tenureWeeks'),
      repeatPurchases: numberAt(lifecycle?.inputs, 'repeatPurchases'),
      pAlive: numberAt(lifecycle?.inputs, 'pAlive'),
      trend: numberAt(lifecycle?.inputs, 'trend'),
    },
    relationship: relationship
      ? {
          level: stringAt(relationship, 'level') ?? '',
          rule: stringAt(relationship, 'rule'),
          customersInClass: numberAt(relationship.inputs, 'customersInClass'),
          marginRate: numberAt(relationship.inputs, 'marginRate'),
        }
      : null,
  };
  return {
    state: 'scored',
    scores,
    oneTimeBuyer: inputs.x === 0,
    model,
    asOf: response.asOf ?? null,
    why,
  };
}
