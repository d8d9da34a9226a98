import { createHash } from 'node:crypto';
import { lifecycleStageNames, lifecycleStages, rfmSegmentNames, rfmSegments } from '@crm/analytics';
import type { CustomerScores, ModelFit } from '@crm/domain';
import type { RefitTally } from '@crm/dynamodb';

/**
 * At most this many buyers go into a refit's fit (issue 21). BTYD models are population models:
 * their four parameters settle long before the whole book (Fader, Hardie & Lee 2005 fit BG/NBD on
 * a 1/10 sample of CDNOW's cohort), so the fit — and the holdout model choice, which refits every
 * candidate — cost the same for every tenant above this size, and everyone is still scored.
 */
export const FIT_SAMPLE_LIMIT = 200_000;

/** Salt of the sample's hash: changing it draws another sample. Stored with every sampled fit. */
export const FIT_SAMPLE_SEED = 'refit-sample-1';

/**
 * A customer's place in the sample order: the first 48 bits of SHA-256(seed, id), a number in
 * [0, 2^48). The same id always gets the same rank, so a rerun (or a piece redone after a crash)
 * draws the very same sample, and the sample does not depend on page order or list shards.
 */
export function sampleRank(customerId: string, seed: string = FIT_SAMPLE_SEED): number {
  return createHash('sha256').update(seed).update('\0').update(customerId).digest().readUIntBE(0, 6);
}

/**
 * The largest rank still in a sample of at most `limit` of these ranks (the `limit` smallest),
 * or undefined when all of them fit: then there is no sample, the fit sees everyone.
 *
 * @example
 * sampleCutoff(Float64Array.of(5, 1, 9, 3), 2); // 3: ranks 1 and 3 are in
 */
export function sampleCutoff(ranks: Float64Array, limit: number): number | undefined {
  if (ranks.length <= limit) return undefined;
  if (limit <= 0) return Number.NEGATIVE_INFINITY;
  const sorted = Float64Array.from(ranks).sort();
  let cutoff = sorted[limit - 1] as number;
  // Two ids of one 48-bit rank at the edge (vanishingly rare): leave both out, never exceed `limit`.
  if (sorted[limit] === cutoff) {
    let below = limit - 1;
    while (below > 0 && sorted[below - 1] === cutoff) below--;
    cutoff = below > 0 ? (sorted[below - 1] as number) : Number.NEGATIVE_INFINITY;
  }
  return cutoff;
}

/** Counts over every scored customer, summed page by page while a sampled fit's scores are written. */
export function emptyTally(): RefitTally {
  return {
    withOrders: 0,
    repeaters: 0,
    segments: {},
    stages: {},
    abc: {},
    abcValue: {},
    clvSum: 0,
    expected90: 0,
  };
}

export function addToTally(
  tally: RefitTally,
  scored: readonly {
    scores: Pick<
      CustomerScores,
      'segment' | 'lifecycleSuggestion' | 'abcClass' | 'clv' | 'expectedPurchases90d' | 'inputs'
    >;
  }[],
): void {
  for (const { scores } of scored) {
    tally.withOrders++;
    if (scores.inputs.x > 0) tally.repeaters++;
    if (scores.segment) tally.segments[scores.segment] = (tally.segments[scores.segment] ?? 0) + 1;
    const stage = scores.lifecycleSuggestion.stage;
    tally.stages[stage] = (tally.stages[stage] ?? 0) + 1;
    if (scores.abcClass) {
      tally.abc[scores.abcClass] = (tally.abc[scores.abcClass] ?? 0) + 1;
      tally.abcValue[scores.abcClass] = (tally.abcValue[scores.abcClass] ?? 0) + scores.inputs.totalAmount;
    }
    tally.clvSum += scores.clv ?? 0;
    tally.expected90 += scores.expectedPurchases90d;
  }
}

/**
 * A sampled fit's summary, its counts taken over every customer scored (`tally`) instead of the
 * sample: customers, repeaters, segments, lifecycle stages, ABC classes, expected revenue. The
 * monthly rates stay the sample's (their rates estimate the whole book; their counts are the
 * sample's), as the fit says (`sample`).
 */
export function summaryOverEveryone(
  summary: NonNullable<ModelFit['summary']>,
  tally: RefitTally,
  customers: number,
): NonNullable<ModelFit['summary']> {
  const abcTotal = (tally.abcValue.A ?? 0) + (tally.abcValue.B ?? 0) + (tally.abcValue.C ?? 0);
  const share = (cls: 'A' | 'B' | 'C') => (abcTotal > 0 ? (tally.abcValue[cls] ?? 0) / abcTotal : 0);
  return {
    ...summary,
    customers: { total: customers, withOrders: tally.withOrders, repeaters: tally.repeaters },
    abc: {
      thresholds: summary.abc.thresholds,
      counts: { A: tally.abc.A ?? 0, B: tally.abc.B ?? 0, C: tally.abc.C ?? 0 },
      shares: { A: share('A'), B: share('B'), C: share('C') },
    },
    segments: rfmSegments.map((segment) => ({
      segment,
      name: rfmSegmentNames[segment],
      customers: tally.segments[segment] ?? 0,
    })),
    lifecycle: lifecycleStages.map((stage) => ({
      stage,
      name: lifecycleStageNames[stage],
      customers: tally.stages[stage] ?? 0,
    })),
    expectedRevenue: {
      ...summary.expectedRevenue,
      clvSum: Math.round(tally.clvSum),
      expectedPurchases90d: tally.expected90,
    },
  };
}
