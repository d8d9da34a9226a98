import {
  type CustomerScore,
  type CustomerSummary,
  expectedPurchases,
  medianWeeksToNextPurchase,
  probabilityAlive,
  rfmSegmentNames,
  suggestRelationshipLevel,
} from '@crm/analytics';
import type { CustomerInsightNumbers, CustomerScores, InsightsModel, ModelFit } from '@crm/domain';
import { ASSUMED_MARGIN_RATE, valueIndexOf } from './tenant-model.js';

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
      value: probabilityAlive(model.bgnbd, repeat),
      equation: 'Fader, Hardie & Lee 2008 note, eq. 13',
      inputs: repeat,
      params: model.bgnbd,
    },
    expectedPurchases90d: {
      value: expectedPurchases(model.bgnbd, repeat, 90 / 7),
      equation: 'Fader, Hardie & Lee 2005, eq. 10, t = 90/7 weeks',
      inputs: repeat,
      params: model.bgnbd,
    },
    nextPurchase: {
      date: scores.nextPurchaseAt,
      medianWeeks: finiteOrNull(medianWeeksToNextPurchase(model.bgnbd, repeat)),
      rule: 'median wait (α+T)(2^(1/(r+x)) − 1) weeks from today, if the customer is alive',
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
