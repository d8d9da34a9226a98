// @crm/app: what the product does. Services, reactions and jobs, one folder per feature; no HTTP.
// Other entry points: @crm/app/analytics, @crm/app/imports, @crm/app/reactions (the registry) and
// @crm/app/streams (the Powertools stream consumer, kept apart so this entry never loads it).
export type { RefitDispatch, RefitOutcome, RefitRequest } from './analytics/analytics.service.js';
export { AnalyticsService } from './analytics/analytics.service.js';
export {
  ACCESS_TOKEN_TTL_SECONDS,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  verifyAccessToken,
} from './auth/access-token.js';
export { ApiKeyService, isApiKeyToken } from './auth/api-key.service.js';
export type { AuthServiceDeps, RequestOrigin, SignupOutcome, TokenPair } from './auth/auth.service.js';
export {
  ADDRESS_THROTTLE,
  AuthService,
  INVITATION_THROTTLE,
  LOGIN_THROTTLE,
  MAIL_THROTTLE,
} from './auth/auth.service.js';
export type { HashingBounds } from './auth/bounded-password-hasher.js';
export { boundedPasswordHasher } from './auth/bounded-password-hasher.js';
export { LivePrincipals } from './auth/live-principals.js';
export type { PasswordHasher } from './auth/password-hasher.js';
export { createScryptHasher } from './auth/password-hasher.js';
export { assertAcceptablePassword, isCommonPassword } from './auth/password-policy.js';
export type { Principal } from './auth/principal.js';
export type { SigningKey, SigningKeyProvider, StoredSigningKey } from './auth/signing-key.js';
export {
  generateStoredSigningKey,
  importStoredSigningKey,
  inMemorySigningKey,
  persistentSigningKey,
  RETIRED_KEY_GRACE_SECONDS,
  rotateStoredSigningKey,
} from './auth/signing-key.js';
export type { CampaignCaller, CampaignRequestOrigin } from './campaigns/campaign.service.js';
export { CampaignService, UNSUBSCRIBE_PAGE_THROTTLE } from './campaigns/campaign.service.js';
export type { SmsDeliveryResult } from './campaigns/sms-delivery.service.js';
export { SmsDeliveryService } from './campaigns/sms-delivery.service.js';
export type { ComplaintCaller, ComplaintPolicyView } from './complaints/complaint.service.js';
export { ComplaintService } from './complaints/complaint.service.js';
export { ContactService } from './contacts/contact.service.js';
export { CustomFieldService } from './custom-fields/custom-field.service.js';
export { CustomerService } from './customers/customer.service.js';
export type { CustomerListGrowthCounts, GrowthStep } from './customers/customer-list-growth.jobs.js';
export {
  CUSTOMER_LIST_GROWTH_GRACE_MS,
  CUSTOMER_LIST_GROWTH_STEPS,
  checkCustomerListGrowth,
  growCustomerList,
  growthStepFor,
} from './customers/customer-list-growth.jobs.js';
export type { CustomerSort } from './customers/customer-sorts.js';
export { customerSorts } from './customers/customer-sorts.js';
export { fieldIssuesOf } from './field-issues.js';
export type { DatabaseStatus } from './health/health.service.js';
export { HealthService } from './health/health.service.js';
export { decodeUtf8, readCsvRecords } from './imports/csv-records.js';
export { ImportService } from './imports/import.service.js';
export type { ImportQueue } from './imports/import-queue.js';
export { InteractionService } from './interactions/interaction.service.js';
export {
  CustomerFiguresSnapshots,
  KPI_CUSTOMER_CAP,
  KPI_SNAPSHOT_MAX_AGE_MS,
  KpiService,
} from './kpis/index.js';
export { renderMail } from './mail/mail-templates.js';
export type { Mailer, MailKind, MailReceipt, OutgoingMail } from './mail/mailer.js';
export { outboxMailer } from './mail/outbox-mailer.js';
export type { PublicUrl } from './mail/public-links.js';
export { publicLink } from './mail/public-links.js';
export type { MemberTierPolicyView } from './members/index.js';
export { MemberService } from './members/index.js';
export { RateLimitService } from './rate-limits/rate-limit.service.js';
export type { RateLimits } from './rate-limits/rate-limits.js';
export {
  DEFAULT_RATE_LIMITS,
  RATE_LIMIT_VARIABLES,
  RateLimitConfigError,
  rateLimitsFromEnv,
} from './rate-limits/rate-limits.js';
export type { LeadConversion, LeadConverted, SalesActor, SalesSetupView } from './sales/index.js';
export {
  DEFAULT_SALES_WINDOW_DAYS,
  LeadService,
  OpportunityService,
  QuoteService,
  SalesSetupService,
} from './sales/index.js';
export { listFiltersOf, SEGMENT_COUNT_CAP, SegmentService } from './segments/segment.service.js';
export { ServicePlanService } from './service/service-plan.service.js';
export type { ServiceCaller, ServiceRequestListFilters } from './service/service-request.service.js';
export { ServiceRequestService } from './service/service-request.service.js';
export type { ServiceDeps, Services } from './services.js';
export { createServices } from './services.js';
export { isPartner, PartnerAccess, type PartnerStanding } from './shares/partner-access.js';
export { PartnerOrganisationService } from './shares/partner-organisation.service.js';
export { PartnerPortalService } from './shares/partner-portal.service.js';
export { ShareService } from './shares/share.service.js';
export type { SurveyCaller, SurveyRequestOrigin } from './surveys/survey.service.js';
export { SURVEY_PAGE_THROTTLE, SurveyService } from './surveys/survey.service.js';
export { TenantService } from './tenant/tenant.service.js';
export type { Caller } from './users/user.service.js';
export { UserService } from './users/user.service.js';
