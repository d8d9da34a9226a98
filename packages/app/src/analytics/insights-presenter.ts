import {
  type CustomerScore,
  type CustomerSummary,
  type PurchaseModelName,
  rfmSegmentNames,
  suggestRelationshipLevel,
} from '@crm/analytics';
import type { CustomerInsightNumbers, CustomerScores, InsightsModel, ModelFit } from '@crm/domain';
import { ASSUMED_MARGIN_RATE, valueIndexOf } from './tenant-model.js';

/** Where each model's P(alive) and expected purchases come from (docs/analytics.md). */
const SOURCES: Record<PurchaseModelName, { name: string; pAlive: string; expected: string }> = {
  bgnbd: {
    name: 'BG/NBD',
    pAlive: 'Fader, Hardie & Lee 2008 note, eq. 13',
    expected: 'Fader, Hardie & Lee 2005, eq. 10',
  },
  mbgnbd: {
    name: 'MBG/NBD',
    pAlive: 'Batislam, Denizel & Filiztekin 2007; Platzer & Reutterer 2016, k = 1',
    expected: 'Platzer & Reutterer 2016, k = 1',
  },
  bgcnbd: {
    name: 'BG/CNBD-k',
    pAlive: 'Platzer & Reutterer 2016, eq. for P(alive)',
    expected: 'Platzer & Reutterer 2016, conditional expectation',
  },
  mbgcnbd: {
    name: 'MBG/CNBD-k',
    pAlive: 'Platzer & Reutterer 2016, eq. for P(alive)',
    expected: 'Platzer & Reutterer 2016, conditional expectation',
  },
  paretonbd: {
    name: 'Pareto/NBD',
    pAlive: 'Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005 note',
    expected: 'Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005 note',
  },
};

const finiteOrNull = (value: number) => (Number.isFinite(value) ? value : null);

/** The stored parameters of a fit, as the insights show them. */
export function insightsModelOf(fit: ModelFit & { bgnbd: NonNullable<ModelFit['bgnbd']> }): InsightsModel {
  return {
    fitId: fit.id,
    fittedAt: fit.fittedAt ?? fit.startedAt,
    calibration: fit.calibration ?? null,
    currency: fit.currency ?? null,
    bgnbd: { r: fit.bgnbd.r, alpha: fit.bgnbd.alpha, a: fit.bgnbd.a, b: fit.bgnbd.b },
    gammaGamma: fit.gammaGamma
      ? { p: fit.gammaGamma.p, q: fit.gammaGamma.q, gamma: fit.gammaGamma.gamma }
      : null,
    clv: fit.clv ?? null,
    ...(fit.purchaseModel ? { purchaseModel: fit.purchaseModel } : {}),
    ...(fit.purchaseModel
      ? {
          holdoutCustomerMae:
            fit.modelChoice?.candidates.find((c) => c.model === fit.purchaseModel?.model)?.customerMae ??
            null,
        }
      : {}),
    ...(fit.sample ? { sample: fit.sample } : {}),
  };
}

/**
 * Every number of one customer, each with the inputs, parameters and equation or rule that
 * produced it: what `GET /v1/customers/{id}/insights` shows beside the stored scores.
 */
export function presentInsights(input: {
  fit: ModelFit;
  model: InsightsModel;
  scored: { scores: CustomerScores; score: CustomerScore; summary: CustomerSummary };
  orderCount: number;
}): CustomerInsightNumbers {
  const { fit, model } = input;
  const { scores, score, summary } = input.scored;
  const repeat = { x: score.inputs.x, tx: score.inputs.tx, T: score.inputs.T };
  // The score was computed under the tenant's chosen model (BG/NBD for fits from before the choice).
  const params =
    fit.purchaseModel && fit.purchaseModel.model === score.model ? fit.purchaseModel.params : model.bgnbd;
  const source = SOURCES[score.model];
  const kNote =
    fit.purchaseModel && score.model === fit.purchaseModel.model && fit.purchaseModel.k > 1
      ? ` (k = ${fit.purchaseModel.k})`
      : '';
  const abcClass = score.abcClass ?? 'C';
  const customersInClass = fit.summary?.abc.counts[abcClass] ?? 0;
  const relationship = suggestRelationshipLevel({
    customerCount: customersInClass,
    marginRate: ASSUMED_MARGIN_RATE,
  });
  return {
    scores,
    inputs: {
      ...scores.inputs,
      unit: 'weeks (x: repeat purchase days, same-day orders merged)',
      recencyDays: score.inputs.recencyDays,
      frequency: score.inputs.frequency,
      orders: input.orderCount,
    },
    pAlive: {
      value: score.pAlive,
      equation: `${source.name}${kNote}: ${source.pAlive}`,
      inputs: repeat,
      model: score.model,
      params,
    },
    expectedPurchases90d: {
      value: score.expectedPurchases,
      equation: `${source.name}${kNote}: ${source.expected}, t = 90/7 weeks`,
      inputs: repeat,
      model: score.model,
      params,
    },
    nextPurchase: {
      date: scores.nextPurchaseAt,
      medianWeeks: finiteOrNull(score.nextPurchaseWeeks),
      rule:
        score.model === 'bgnbd'
          ? 'median wait (α+T)(2^(1/(r+x)) − 1) weeks from today, if the customer is alive'
          : `median wait from today under ${source.name}${kNote}, if the customer is alive`,
      ...(scores.nextPurchaseWindow
        ? {
            window: {
              ...scores.nextPurchaseWindow,
              rule: '10 %, 50 % and 90 % quantiles of the wait from today under the chosen purchase model, if the customer is alive (docs/analytics.md, issue 13)',
            },
          }
        : {}),
    },
    clv: {
      value: scores.clv,
      expectedSpend: scores.expectedSpend,
      discountedPurchases: score.discountedPurchases,
      spendInputs: { spendCount: summary.spendCount, meanSpend: summary.meanSpend },
      params: model.gammaGamma,
      options: model.clv,
      equation: 'CLV = margin · E(M|z̄,x) · Σₘ ΔE[Y]/(1+d)^m (docs/analytics.md)',
    },
    rfm: score.rfm
      ? {
          ...score.rfm,
          segmentName: rfmSegmentNames[score.rfm.segment],
          values: {
            recencyDays: score.inputs.recencyDays,
            frequency: score.inputs.frequency,
            monetary: score.inputs.monetary,
          },
          cutoffs: fit.rfm ?? null,
        }
      : null,
    abc: {
      abcClass: score.abcClass,
      value: summary.totalAmount,
      cutoffs: fit.abc?.cutoffs ?? null,
      thresholds: fit.abc?.thresholds ?? null,
    },
    lifecycle: {
      ...scores.lifecycleSuggestion,
      stage: score.lifecycle,
      inputs: {
        tenureWeeks: score.inputs.T,
        repeatPurchases: score.inputs.x,
        pAlive: score.pAlive,
        trend: score.trend,
      },
    },
    relationship: {
      level: relationship.level,
      name: relationship.name,
      rule: `Kotler grid: ${customersInClass} customers in ABC class ${abcClass} (${relationship.customers}) × assumed margin rate ${ASSUMED_MARGIN_RATE} (${relationship.margin}) → ${relationship.level}`,
      inputs: { customersInClass, abcClass, marginRate: ASSUMED_MARGIN_RATE },
    },
    valueIndex: valueIndexOf(fit, score),
  };
}
