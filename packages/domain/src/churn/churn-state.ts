import type { ChurnPolicy } from './churn-policy.schema.js';

export const churnStates = ['active', 'at_risk', 'dormant', 'lost'] as const;
export type ChurnState = (typeof churnStates)[number];

const severity: Record<ChurnState, number> = { active: 0, at_risk: 1, dormant: 2, lost: 3 };

export type ChurnInputs = {
  /** Days since the last order on the evaluation day. */
  daysSinceLastOrder: number;
  /** The customer's own mean gap between orders in days (null: fewer than two orders). */
  meanGapDays: number | null;
  /** From the last model fit (null: not scored yet). */
  pAlive: number | null;
};

export type ChurnAssessment = {
  state: ChurnState;
  /** Days since the last order ÷ the usual gap. */
  gapRatio: number;
  gapDays: number;
  /** Which measure decided the state (the more severe one wins). */
  decidedBy: 'gap' | 'p_alive' | 'none';
};

function stateFromGap(ratio: number, policy: ChurnPolicy): ChurnState {
  if (ratio >= policy.lostGapRatio) return 'lost';
  if (ratio >= policy.dormantGapRatio) return 'dormant';
  if (ratio >= policy.atRiskGapRatio) return 'at_risk';
  return 'active';
}

function stateFromPAlive(pAlive: number | null, policy: ChurnPolicy): ChurnState {
  if (pAlive === null) return 'active';
  if (pAlive < policy.lostBelowPAlive) return 'lost';
  if (pAlive < policy.dormantBelowPAlive) return 'dormant';
  if (pAlive < policy.atRiskBelowPAlive) return 'at_risk';
  return 'active';
}

/**
 * 活跃 / 风险 / 休眠 / 流失 for a customer who has ordered: the more severe of two views, the gap
 * against the customer's own rhythm and the model's P(alive). A purchase resets the gap at once,
 * before the next fit updates P(alive), so the gap alone decides for a customer who just bought.
 */
export function assessChurn(inputs: ChurnInputs, policy: ChurnPolicy, justOrdered = false): ChurnAssessment {
  const gapDays = Math.max(1, inputs.meanGapDays ?? policy.defaultGapDays);
  const gapRatio = Math.max(0, inputs.daysSinceLastOrder) / gapDays;
  const byGap = stateFromGap(gapRatio, policy);
  const byModel = justOrdered ? 'active' : stateFromPAlive(inputs.pAlive, policy);
  const state = severity[byModel] > severity[byGap] ? byModel : byGap;
  const decidedBy = state === 'active' ? 'none' : severity[byModel] > severity[byGap] ? 'p_alive' : 'gap';
  return { state, gapRatio, gapDays, decidedBy };
}

/** A valuable customer is worth an alert: ABC class A or the top CLV decile. */
export type CustomerWorth = { abcClass: 'A' | 'B' | 'C' | null; clvDecile: number | null };

export function isValuable(worth: CustomerWorth): boolean {
  return worth.abcClass === 'A' || worth.clvDecile === 1;
}

export type ChurnTransition =
  | { kind: 'none' }
  | { kind: 'raise'; from: ChurnState; to: ChurnState }
  | { kind: 'clear'; from: ChurnState }
  | { kind: 'move'; from: ChurnState; to: ChurnState };

/**
 * What a change of state means: a valuable customer leaving `active` raises a churn-risk alert;
 * coming back to `active` clears it; anything else is a quiet move the file records.
 */
export function churnTransition(
  previous: ChurnState | null,
  next: ChurnState,
  worth: CustomerWorth,
): ChurnTransition {
  const from = previous ?? 'active';
  if (from === next) return { kind: 'none' };
  if (next === 'active') return { kind: 'clear', from };
  if (from === 'active' && isValuable(worth)) return { kind: 'raise', from, to: next };
  return { kind: 'move', from, to: next };
}

export const winBackActions = ['personal_call', 'visit', 'offer', 'care_message', 'survey'] as const;
export type WinBackAction = (typeof winBackActions)[number];

/**
 * 挽留流失客户: the first step suggested to the owner, heavier for more valuable and further gone
 * customers (a call from the owner for an A customer at risk, an offer when dormant, a survey to
 * learn why when lost), lighter for the rest.
 */
export function suggestWinBack(state: Exclude<ChurnState, 'active'>, worth: CustomerWorth): WinBackAction {
  const valuable = isValuable(worth);
  if (state === 'at_risk') return valuable ? 'personal_call' : 'care_message';
  if (state === 'dormant') return valuable ? 'visit' : 'offer';
  return valuable ? 'personal_call' : 'survey';
}
