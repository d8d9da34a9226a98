/**
 * Suggestions for the customer lifecycle stage (客户生命周期) and the relationship level
 * (客户关系类型) of DOMAIN.md §4. Both are pure rule tables; the rules and thresholds are in
 * docs/analytics.md and every result says which rule fired.
 */

export const lifecycleStages = ['identification', 'development', 'stability', 'decline'] as const;
export type LifecycleStage = (typeof lifecycleStages)[number];
export const lifecycleStageNames: Record<LifecycleStage, string> = {
  identification: '识别期',
  development: '发展期',
  stability: '稳定期',
  decline: '衰退期',
};

export type LifecycleInputs = {
  /** Weeks since the first purchase (T). */
  tenureWeeks: number;
  /** Repeat purchases so far (x). */
  repeatPurchases: number;
  /** BG/NBD P(alive). */
  pAlive: number;
  /**
   * Purchase trend: the expected purchase rate ahead divided by the observed repeat rate so far
   * (see `purchaseTrend`); 1 = steady, < 1 slowing, > 1 accelerating. Undefined without repeats.
   */
  trend?: number;
};

export type LifecycleThresholds = {
  /** One-time buyers younger than this are still being identified. @default 26 */
  identificationWeeks: number;
  /** Below this P(alive) the customer is declining. @default 0.5 */
  declinePAlive: number;
  /** Below this trend the customer is declining. @default 0.5 */
  declineTrend: number;
  /** Repeat purchases needed for stability. @default 3 */
  stabilityRepeats: number;
  /** Weeks of tenure needed for stability. @default 26 */
  stabilityWeeks: number;
  /** At or above this trend the customer is still developing. @default 1.2 */
  growthTrend: number;
};

export const defaultLifecycleThresholds: LifecycleThresholds = {
  identificationWeeks: 26,
  declinePAlive: 0.5,
  declineTrend: 0.5,
  stabilityRepeats: 3,
  stabilityWeeks: 26,
  growthTrend: 1.2,
};

export type LifecycleSuggestion = { stage: LifecycleStage; name: string; rule: string };

/**
 * Expected purchase rate over the next `weeks` (BG/NBD E[Y(t)] / t, which includes P(alive)) divided
 * by the observed repeat rate x / T. Undefined for x = 0 or T = 0 (no observed rate).
 *
 * @example
 * purchaseTrend(1.2, 13, { x: 6, T: 52 }); // (1.2 / 13) / (6 / 52) = 0.8
 */
export function purchaseTrend(
  expectedPurchases: number,
  weeks: number,
  customer: { x: number; T: number },
): number | undefined {
  if (customer.x <= 0 || customer.T <= 0 || weeks <= 0) return undefined;
  return expectedPurchases / weeks / (customer.x / customer.T);
}

/**
 * Lifecycle stage, first matching rule:
 * 1. identification (识别期): no repeat purchase yet and tenure < identificationWeeks;
 * 2. decline (衰退期): no repeat purchase after identificationWeeks, or P(alive) < declinePAlive, or
 *    trend < declineTrend;
 * 3. development (发展期): repeats < stabilityRepeats, or tenure < stabilityWeeks, or trend ≥ growthTrend;
 * 4. stability (稳定期): otherwise.
 *
 * @example
 * suggestLifecycleStage({ tenureWeeks: 80, repeatPurchases: 12, pAlive: 0.95, trend: 1 }).stage; // 'stability'
 */
export function suggestLifecycleStage(
  inputs: LifecycleInputs,
  thresholds: LifecycleThresholds = defaultLifecycleThresholds,
): LifecycleSuggestion {
  const pick = (stage: LifecycleStage, rule: string): LifecycleSuggestion => ({
    stage,
    name: lifecycleStageNames[stage],
    rule,
  });
  const { tenureWeeks, repeatPurchases, pAlive, trend } = inputs;
  if (repeatPurchases === 0 && tenureWeeks < thresholds.identificationWeeks) {
    return pick('identification', `no repeat purchase yet, tenure < ${thresholds.identificationWeeks} weeks`);
  }
  if (repeatPurchases === 0) {
    return pick('decline', `no repeat purchase in ${thresholds.identificationWeeks} weeks or more`);
  }
  if (pAlive < thresholds.declinePAlive) return pick('decline', `P(alive) < ${thresholds.declinePAlive}`);
  if (trend !== undefined && trend < thresholds.declineTrend) {
    return pick('decline', `purchase trend < ${thresholds.declineTrend}`);
  }
  if (repeatPurchases < thresholds.stabilityRepeats) {
    return pick('development', `fewer than ${thresholds.stabilityRepeats} repeat purchases`);
  }
  if (tenureWeeks < thresholds.stabilityWeeks) {
    return pick('development', `tenure < ${thresholds.stabilityWeeks} weeks`);
  }
  if (trend !== undefined && trend >= thresholds.growthTrend) {
    return pick('development', `purchase trend ≥ ${thresholds.growthTrend}`);
  }
  return pick('stability', 'repeat buyer with a steady trend and P(alive) ≥ threshold');
}

export const relationshipLevels = ['basic', 'reactive', 'accountable', 'proactive', 'partnership'] as const;
export type RelationshipLevel = (typeof relationshipLevels)[number];
export const relationshipLevelNames: Record<RelationshipLevel, string> = {
  basic: '基本型',
  reactive: '被动型',
  accountable: '负责型',
  proactive: '能动型',
  partnership: '伙伴型',
};

export type RelationshipThresholds = {
  /** Fewer customers than this is "few". @default 100 */
  fewCustomersBelow: number;
  /** This many customers or more is "many". @default 10000 */
  manyCustomersFrom: number;
  /** A margin rate below this is "low". @default 0.1 */
  lowMarginBelow: number;
  /** A margin rate at or above this is "high". @default 0.3 */
  highMarginFrom: number;
};

export const defaultRelationshipThresholds: RelationshipThresholds = {
  fewCustomersBelow: 100,
  manyCustomersFrom: 10_000,
  lowMarginBelow: 0.1,
  highMarginFrom: 0.3,
};

type Band = 'low' | 'medium' | 'high';
type CountBand = 'few' | 'medium' | 'many';

// Kotler's grid (Marketing Management, "levels of relationship"): rows = number of customers,
// columns = margin. Many/low is "basic or reactive" in the source; we suggest basic.
const relationshipGrid: Record<CountBand, Record<Band, RelationshipLevel>> = {
  many: { low: 'basic', medium: 'reactive', high: 'accountable' },
  medium: { low: 'reactive', medium: 'accountable', high: 'proactive' },
  few: { low: 'accountable', medium: 'proactive', high: 'partnership' },
};

export type RelationshipSuggestion = {
  level: RelationshipLevel;
  name: string;
  customers: CountBand;
  margin: Band;
};

/**
 * Relationship level from the number of customers (of the tenant, or of a segment) × the margin
 * rate (0–1), per DOMAIN.md §4 / Kotler: many customers with low margins → basic; few with high
 * margins → partnership; the grid in between is in docs/analytics.md.
 *
 * @example
 * suggestRelationshipLevel({ customerCount: 50, marginRate: 0.4 }).level; // 'partnership'
 */
export function suggestRelationshipLevel(
  input: { customerCount: number; marginRate: number },
  thresholds: RelationshipThresholds = defaultRelationshipThresholds,
): RelationshipSuggestion {
  const customers: CountBand =
    input.customerCount < thresholds.fewCustomersBelow
      ? 'few'
      : input.customerCount >= thresholds.manyCustomersFrom
        ? 'many'
        : 'medium';
  const margin: Band =
    input.marginRate < thresholds.lowMarginBelow
      ? 'low'
      : input.marginRate >= thresholds.highMarginFrom
        ? 'high'
        : 'medium';
  const level = relationshipGrid[customers][margin];
  return { level, name: relationshipLevelNames[level], customers, margin };
}
