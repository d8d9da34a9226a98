export type { CreditAgeing } from './credit-ageing.schema.js';
export { CreditAgeingSchema } from './credit-ageing.schema.js';
export type {
  CreditAssessment,
  CreditFigures,
  CreditReason,
  CreditStatus,
  HoldTransition,
} from './credit-decision.js';
export { assessCredit, checkOrder, creditStatuses, holdTransition } from './credit-decision.js';
export type {
  CreditDecision,
  CreditFile,
  CreditLimitSet,
  CreditOrderReject,
  SuggestedLimitView,
} from './credit-file.schema.js';
export {
  AgeingSchema,
  CreditCheckRequestSchema,
  CreditCheckResultSchema,
  CreditDecisionSchema,
  CreditFactorScoreSchema,
  CreditFileSchema,
  CreditLimitSetSchema,
  CreditOrderRejectSchema,
  CreditPolicyViewSchema,
  CreditReasonSchema,
  LimitOverrideSchema,
  PendingLimitSchema,
  ReceivableSchema,
  SuggestedLimitViewSchema,
} from './credit-file.schema.js';
export type { EffectiveLimit, LimitOverride, SuggestedLimit, SuggestedLimitInputs } from './credit-limit.js';
export { effectiveLimit, limitChangeNeedsApproval, suggestLimit } from './credit-limit.js';
export type { CreditOverview } from './credit-overview.schema.js';
export { CreditOverviewSchema } from './credit-overview.schema.js';
export type {
  CreditBlockingRules,
  CreditFactor,
  CreditGradeBand,
  CreditPolicyInput,
} from './credit-policy.schema.js';
export {
  CreditBlockingRulesSchema,
  CreditGradeBandSchema,
  CreditPolicyInputSchema,
  creditFactors,
  defaultCreditPolicy,
} from './credit-policy.schema.js';
export type { CreditPolicyPreview, CreditPreviewSubject } from './credit-policy-preview.js';
export { CreditPolicyPreviewSchema, previewCreditPolicy } from './credit-policy-preview.js';
export type { CreditFactorScore, CreditScore, CreditScoreInputs } from './credit-score.js';
export { creditScore, gradeFor } from './credit-score.js';
export type { CreditEvaluation, CreditEvaluationInputs } from './evaluate-credit-file.js';
export { evaluateCreditFile, sameDecision } from './evaluate-credit-file.js';
export type {
  Ageing,
  AgeingBucket,
  OverdueFigures,
  Receivable,
  ReceivablePayment,
  Settlement,
} from './receivables.js';
export {
  ageingBuckets,
  ageReceivables,
  daysPastDue,
  dueDateFor,
  exposureOf,
  isOverdue,
  openAmount,
  overdueFigures,
  settlePayment,
} from './receivables.js';
export type { OpenAtDue, ReceivablesSummary, SummarizedReceivable } from './receivables-summary.js';
export {
  emptyReceivablesSummary,
  openByDueDate,
  overdueCheckDue,
  sameReceivableFigures,
  summarizeReceivables,
  withReceivableChange,
} from './receivables-summary.js';
export type { CustomerAgeing, OpenReceivableRow, TenantAgeing } from './tenant-ageing.js';
export { ageTenantReceivables } from './tenant-ageing.js';
