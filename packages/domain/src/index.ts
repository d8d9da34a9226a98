export * from './alerts/index.js';
export type { CustomerScores, FitSample, ModelFit, ModelSummary } from './analytics.schema.js';
export {
  CustomerScoresSchema,
  FitSampleSchema,
  ModelFitSchema,
  ModelSummarySchema,
} from './analytics.schema.js';
export type { ApiKey, ApiKeyScope } from './api-key.schema.js';
export { ApiKeySchema, ApiKeyScopeSchema, apiKeyScopes } from './api-key.schema.js';
export { addDays, calendarDay, daysBetween } from './calendar-days.js';
export * from './campaigns/index.js';
export * from './churn/index.js';
export * from './complaints/index.js';
export type { Contact, ContactCreate } from './contact.schema.js';
export { ContactCreateSchema, ContactSchema, contactRelationTypes, contactRoles } from './contact.schema.js';
export * from './credit/index.js';
export type {
  CustomFieldDefinition,
  CustomFieldDefinitionCreate,
  CustomFieldType,
} from './custom-field.schema.js';
export {
  CustomFieldDefinitionCreateSchema,
  CustomFieldDefinitionPatchSchema,
  CustomFieldDefinitionSchema,
  CustomFieldKeySchema,
  CustomFieldNumberSchema,
  customFieldTypes,
  customFieldValueSchema,
  customFieldValuesSchema,
} from './custom-field.schema.js';
export type { CustomFieldCell } from './custom-field-cell.js';
export { customFieldValueOfCell } from './custom-field-cell.js';
export type {
  Customer,
  CustomerCreate,
  CustomerKind,
  CustomerPatch,
  CustomerStats,
  CustomerStatus,
  LifecycleStage,
  RelationshipLevel,
} from './customer.schema.js';
export {
  AddressSchema,
  CalendarDateSchema,
  CustomerCreateSchema,
  CustomerKindSchema,
  CustomerPatchSchema,
  CustomerSchema,
  CustomerStatsSchema,
  CustomerStatusSchema,
  companySizes,
  customerKinds,
  customerStatuses,
  emptyCustomerStats,
  LifecycleStageSchema,
  lifecycleStages,
  PhoneSchema,
  RelationshipLevelSchema,
  relationshipLevels,
  TagSchema,
} from './customer.schema.js';
export { customerCsvColumns, customerCsvRow } from './customer-csv-row.js';
export { authorOfCustomerChange, describeCustomerChange, SYSTEM_ACTOR } from './customer-history.js';
export type { CustomerHistoryAction, CustomerHistoryEntry } from './customer-history-entry.schema.js';
export { CustomerHistoryEntrySchema, customerHistoryActions } from './customer-history-entry.schema.js';
export type { CustomerInsightNumbers, CustomerInsights, InsightsModel } from './customer-insights.schema.js';
export {
  CustomerInsightNumbersSchema,
  CustomerInsightsSchema,
  InsightsModelSchema,
} from './customer-insights.schema.js';
export type { FigureMoves } from './customer-stats.js';
export {
  applyInteraction,
  figureInstants,
  figureMoves,
  figureRemoval,
  figuresOverflowError,
} from './customer-stats.js';
export type { DomainErrorCode } from './domain-error.js';
export { DomainError, domainErrorCodes } from './domain-error.js';
export type { EntityChange, Reaction } from './entity-change.js';
export type { ErrorBody, FieldIssue } from './error-body.schema.js';
export { ErrorBodySchema, FieldIssueSchema } from './error-body.schema.js';
export type { CatalogEvent, EventEnvelope, EventField } from './events/catalog-event.schema.js';
export {
  CatalogEventSchema,
  catalogEventSchemas,
  EventEnvelopeSchema,
} from './events/catalog-event.schema.js';
export type { CatalogEntityType, CatalogEntry, EventCatalog, EventType } from './events/event-catalog.js';
export {
  catalogEntityTypes,
  eventCatalog,
  eventTypes,
  isCatalogEntityType,
  isEventType,
} from './events/event-catalog.js';
export type { EventCatalogJsonSchemaEntry } from './events/event-catalog-json-schema.js';
export {
  EventCatalogEntrySchema,
  EventCatalogSchema,
  eventCatalogJsonSchema,
} from './events/event-catalog-json-schema.js';
export type {
  ContactEventData,
  CustomerEventData,
  CustomerRemovedData,
  ImportCompletedData,
  ImportFailedData,
  InteractionEventData,
  RefitCompletedData,
  RefitFailedData,
} from './events/event-payload.schema.js';
export {
  ContactEventDataSchema,
  CustomerEventDataSchema,
  CustomerRemovedDataSchema,
  ImportCompletedDataSchema,
  ImportFailedDataSchema,
  InteractionEventDataSchema,
  RefitCompletedDataSchema,
  RefitFailedDataSchema,
} from './events/event-payload.schema.js';
export type { InvalidEventRecord, ToCatalogEventsOptions } from './events/to-catalog-events.js';
export { toCatalogEvents } from './events/to-catalog-events.js';
export type { FieldIssueDetail } from './field-issue-detail.js';
export { fieldIssueDetailOf } from './field-issue-detail.js';
export type { HoldoutCheck } from './holdout-check.schema.js';
export { HoldoutCheckSchema } from './holdout-check.schema.js';
export {
  deterministicUlid,
  IdSchema,
  idSchema,
  isUlid,
  newId,
  ULID_PATTERN,
  ULID_PATTERN_SOURCE,
} from './ids.js';
export type { ImportJob, ImportKind, ImportOptions, ImportRejection } from './import.schema.js';
export {
  CUSTOM_FIELD_MAPPING_PREFIX,
  customFieldKeyOfMapping,
  defaultImportColumns,
  ImportJobSchema,
  ImportOptionsSchema,
  ImportRejectionSchema,
  importKinds,
  importLayouts,
  MAX_REPORTED_REJECTIONS,
} from './import.schema.js';
export type {
  Interaction,
  InteractionCreate,
  InteractionType,
  OrderCreditHold,
} from './interaction.schema.js';
export {
  channels,
  InteractionCreateSchema,
  InteractionSchema,
  interactionTypes,
  isMonetary,
  isOwnedTimelineEntry,
  OrderCreditHoldSchema,
} from './interaction.schema.js';
export * from './kpis/index.js';
export * from './members/index.js';
export {
  addMinorUnits,
  currencyExponent,
  MAX_MONEY_AMOUNT,
  MAX_MONEY_TOTAL,
  parseDecimalToMinor,
  totalHeadroom,
} from './money.js';
export type {
  PartnerOrganisation,
  PartnerOrganisationCreate,
  PartnerOrganisationPatch,
  PartnerUserMove,
} from './partner-organisation.schema.js';
export {
  PartnerOrganisationCreateSchema,
  PartnerOrganisationPatchSchema,
  PartnerOrganisationSchema,
  PartnerUserMoveSchema,
  partnerOrganisationStatuses,
} from './partner-organisation.schema.js';
export type {
  PartnerCustomer,
  PartnerOrderFigures,
  PartnerPortal,
  PartnerSalesFigures,
} from './partner-portal.schema.js';
export {
  PartnerCustomerSchema,
  PartnerOrderFiguresSchema,
  PartnerPortalSchema,
  PartnerSalesFiguresSchema,
  partnerOrderFigures,
} from './partner-portal.schema.js';
export type { PurchaseModelPolicy } from './purchase-model-policy.schema.js';
export {
  defaultPurchaseModelPolicy,
  PurchaseModelPolicySchema,
  pinnablePurchaseModels,
} from './purchase-model-policy.schema.js';
export { ReactionBatch } from './reaction-batch.js';
export { ReadThroughCache } from './read-through-cache.js';
export * from './sales/index.js';
export * from './segments/index.js';
export * from './service/index.js';
export type {
  PartnerGrant,
  Share,
  ShareAccess,
  ShareableField,
  ShareGrant,
  ShareGrantee,
} from './share.schema.js';
export {
  fieldsNotShared,
  isShareLive,
  mergeGrants,
  normaliseShare,
  projectForPartner,
  ShareGrantSchema,
  ShareSchema,
  shareAccesses,
  shareableFields,
  shareGrantees,
} from './share.schema.js';
export * from './sla/index.js';
export * from './surveys/index.js';
export * from './tasks/index.js';
export type { Locale, Tenant, TenantSettings } from './tenant.schema.js';
export {
  LocaleSchema,
  locales,
  TenantNameSchema,
  TenantSchema,
  TenantSettingsPatchSchema,
  TenantSettingsSchema,
} from './tenant.schema.js';
export type {
  TenantDeletion,
  TenantDeletionRequest,
  TenantExport,
  TenantExportLink,
  TenantExportStatus,
} from './tenant-data.schema.js';
export {
  deletionConfirmed,
  TENANT_EXPORT_SCHEMA_VERSION,
  TENANT_EXPORT_TTL_HOURS,
  TenantDeletionRequestSchema,
  TenantDeletionSchema,
  TenantExportLinkSchema,
  TenantExportListSchema,
  TenantExportSchema,
  TenantExportStatusSchema,
  tenantExportStatuses,
} from './tenant-data.schema.js';
export type { Role, User, UserStatus } from './user.schema.js';
export {
  canAssignRole,
  EmailSchema,
  isAdmin,
  isOwner,
  PasswordSchema,
  RoleSchema,
  roles,
  UserSchema,
  UserStatusSchema,
  userStatuses,
} from './user.schema.js';
export * from './webhooks/index.js';
export * from './workflows/index.js';
