export { computeFunnel, lostDealReport } from './funnel.js';
export type { ForecastMonth, Funnel, FunnelStage, LostDealGroup, LostDealReport } from './funnel.schema.js';
export {
  ForecastMonthSchema,
  FunnelSchema,
  FunnelStageSchema,
  LostDealGroupSchema,
  LostDealReportSchema,
} from './funnel.schema.js';
export type { Lead, LeadCreate, LeadPatch, LeadStatus, LeadView, PossibleDuplicate } from './lead.schema.js';
export {
  LeadCreateSchema,
  LeadPatchSchema,
  LeadSchema,
  LeadStatusSchema,
  LeadViewSchema,
  leadStatuses,
  PossibleDuplicateSchema,
} from './lead.schema.js';
export type { GradableLead } from './lead-grading.js';
export { gradeLead } from './lead-grading.js';
export type {
  LostReason,
  NextActivity,
  Opportunity,
  OpportunityCreate,
  OpportunityDraft,
  OpportunityLose,
  OpportunityPatch,
  OpportunityStatus,
  OpportunityView,
  OpportunityWin,
  StageVisit,
} from './opportunity.schema.js';
export {
  LostReasonSchema,
  lostReasons,
  NextActivitySchema,
  OpportunityCreateSchema,
  OpportunityDraftSchema,
  OpportunityLoseSchema,
  OpportunityPatchSchema,
  OpportunitySchema,
  OpportunityStatusSchema,
  OpportunityViewSchema,
  OpportunityWinSchema,
  opportunityStatuses,
  StageVisitSchema,
} from './opportunity.schema.js';
export { changeOpportunity, closeOpportunity, isRotting, openOpportunity } from './opportunity-moves.js';
export type {
  LeadGrade,
  LeadGradeRule,
  LeadGrading,
  Pipeline,
  PipelineStage,
  SalesSetup,
} from './pipeline.schema.js';
export {
  defaultPipeline,
  defaultSalesSetup,
  findPipeline,
  LeadGradeRuleSchema,
  LeadGradeSchema,
  LeadGradingSchema,
  leadFacts,
  leadGrades,
  PipelineSchema,
  PipelineStageSchema,
  SalesKeySchema,
  SalesSetupSchema,
} from './pipeline.schema.js';
export type {
  Quote,
  QuoteCreate,
  QuoteDiscount,
  QuoteFigures,
  QuoteLine,
  QuotePatch,
  QuoteReject,
  QuoteStatus,
  QuoteTax,
  QuoteTotals,
  QuoteTransition,
  QuoteView,
} from './quote.schema.js';
export {
  QuoteCreateSchema,
  QuoteDiscountSchema,
  QuoteFiguresSchema,
  QuoteLineSchema,
  QuotePatchSchema,
  QuoteRejectSchema,
  QuoteSchema,
  QuoteStatusSchema,
  QuoteTaxSchema,
  QuoteTotalsSchema,
  QuoteTransitionSchema,
  QuoteViewSchema,
  quoteStatuses,
} from './quote.schema.js';
export {
  DEFAULT_QUOTE_VALIDITY_DAYS,
  decideQuote,
  draftQuote,
  editQuote,
  quoteStatusOn,
  sendQuote,
} from './quote-moves.js';
export { quoteTotals } from './quote-totals.js';
