export type { CustomerSnapshotFacts } from './customer-figures-snapshot.js';
export {
  CUSTOMER_SNAPSHOT_FORMAT,
  DEFAULT_SNAPSHOT_CHUNK_BYTES,
  packCustomerFacts,
  unpackCustomerFacts,
} from './customer-figures-snapshot.js';
export type {
  AcquisitionKpi,
  ActivityKpi,
  CampaignKpi,
  CampaignsKpi,
  ComplaintResolutionKpi,
  FunnelKpi,
  KpiPeriod,
  KpiQuery,
  Kpis,
  PartnerKpi,
  RetentionKpi,
  SatisfactionKpi,
  SatisfactionMonth,
} from './kpi.schema.js';
export {
  AcquisitionKpiSchema,
  ActivityKpiSchema,
  CampaignKpiSchema,
  CampaignsKpiSchema,
  ComplaintResolutionKpiSchema,
  DEFAULT_KPI_SPAN_DAYS,
  FunnelKpiSchema,
  KpiPeriodSchema,
  KpiQuerySchema,
  KpisSchema,
  MAX_KPI_SPAN_DAYS,
  PartnerKpiSchema,
  RetentionKpiSchema,
  SatisfactionKpiSchema,
  SatisfactionMonthSchema,
} from './kpi.schema.js';
export type { ClosedDeal, ComplaintTimes, CustomerKpiFacts, KpiBounds, ScoredAnswer } from './kpi-figures.js';
export {
  ACTIVITY_DEFINITION,
  acquisitionOf,
  activityOf,
  campaignsKpiOf,
  complaintResolutionOf,
  funnelKpiOf,
  kpiBounds,
  kpiPeriod,
  monthsOf,
  quantile,
  retentionOf,
  satisfactionOf,
} from './kpi-figures.js';
