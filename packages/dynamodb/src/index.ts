export type { AlertChange, AlertListFilter } from './alert.repository.js';
export { AlertRepository } from './alert.repository.js';
export type { ApiKeyRecord } from './api-key.repository.js';
export { ApiKeyRepository } from './api-key.repository.js';
export type { ThrottleDecision, ThrottleLimit } from './attempt-throttle.repository.js';
export { AttemptThrottleRepository } from './attempt-throttle.repository.js';
export type { CampaignSendsCatchUp } from './campaign.repository.js';
export { CampaignRepository, campaignItem } from './campaign.repository.js';
export type { CampaignSendEntry } from './campaign-send-queue.repository.js';
export { CampaignSendQueue } from './campaign-send-queue.repository.js';
export type { StoredChurnPolicy } from './churn.repository.js';
export { ChurnRepository } from './churn.repository.js';
export type { ComplaintListQuery, StoredComplaintPolicy } from './complaint.repository.js';
export { ComplaintRepository, complaintItem } from './complaint.repository.js';
export { ContactRepository } from './contact.repository.js';
export { toCreateTableInput } from './create-table-input.js';
export type {
  CreditFilesIndexCatchUp,
  CustomerListPosition,
  LedgerWrite,
  StoredCreditPolicy,
  StoredReceivable,
} from './credit.repository.js';
export { CreditRepository } from './credit.repository.js';
export { CustomFieldRepository } from './custom-field.repository.js';
export type {
  CustomerKpiRow,
  CustomerListFilters,
  CustomerListQuery,
  UniqueFieldValue,
} from './customer.repository.js';
export { CustomerRepository, historyItem, newCustomerActions } from './customer.repository.js';
export type { CustomerListShardCount, CustomerSort } from './customer-index-keys.js';
export {
  CUSTOMER_LIST_SHARD_COUNTS,
  customerIndexAttributes,
  customerListPartition,
  customerShard,
  customerSorts,
  everyCustomerListPartition,
  LEGACY_CUSTOMER_LIST_SHARDS,
  nameSortKey,
} from './customer-index-keys.js';
export type { StoredCustomer } from './customer-item.js';
export { customerFields, customerFromItem, customerItem } from './customer-item.js';
export type {
  CustomerListGrowth,
  CustomerListLayout,
  CustomerListWalkPosition,
} from './customer-list-layout.js';
export {
  CUSTOMER_LIST_LAYOUT_TTL_MS,
  CustomerListLayoutRepository,
  cachedCustomerListLayout,
  customerListLayoutItem,
  forgetCustomerListLayout,
  listShardsOf,
  NEW_TENANT_CUSTOMER_LIST_LAYOUT,
} from './customer-list-layout.js';
export type { ReindexPage } from './customer-list-reindex.repository.js';
export { CustomerListReindexRepository } from './customer-list-reindex.repository.js';
export { DepartmentRepository } from './department.repository.js';
export type { TableClient, TableClientOptions } from './document-client.js';
export { createTableClient } from './document-client.js';
export type { EmailToken, EmailTokenPurpose } from './email-token.repository.js';
export { EmailTokenRepository } from './email-token.repository.js';
export { FigureInstantsMemory } from './figure-instants-memory.js';
export type { Identity, Membership } from './identity.repository.js';
export { IdentityRepository } from './identity.repository.js';
export { ImportRepository, MAX_STORED_REJECTIONS, uniqueValueHolderKey } from './import.repository.js';
export {
  AlongsideRefusedError,
  FiguresBusyError,
  InteractionRepository,
  interactionItem,
} from './interaction.repository.js';
export { epochSeconds, fromItem, storageAttributesOf, toItem } from './item-codec.js';
export type { KeptStreamRecord } from './kept-stream-record.repository.js';
export { KEPT_RECORD_RETENTION_DAYS, KeptStreamRecordRepository } from './kept-stream-record.repository.js';
export type { TableKey } from './keys.js';
export {
  CAMPAIGN_RECIPIENT_PARTITIONS,
  cursorSortKeyPatterns,
  EXTERNAL_ID_DIRECTORY_SHARDS,
  keys,
  PLATFORM_KEY_PREFIX,
  platformKeys,
  sortKeyPrefixes,
  TENANT_KEY_PREFIX,
  tenantDirectory,
  tenantKeyPrefix,
  tenantOfKey,
} from './keys.js';
export type { KpiSnapshotHead } from './kpi-snapshot.repository.js';
export { KpiSnapshotRepository } from './kpi-snapshot.repository.js';
export type { ConversionCustomer, LeadListFilter } from './lead.repository.js';
export { LeadRepository } from './lead.repository.js';
export { MailOutboxRepository } from './mail-outbox.repository.js';
export type { MailSuppression, SmsSuppression } from './mail-suppression.repository.js';
export { MailSuppressionRepository } from './mail-suppression.repository.js';
export type { StoredMemberTierPolicy } from './member.repository.js';
export { MemberRepository } from './member.repository.js';
export type { OrderFact, RefitClaim, RefitHolder, StoredPurchaseModelPolicy } from './model.repository.js';
export {
  ModelRepository,
  SCORE_WRITE_BUDGET,
  SCORE_WRITE_UNITS_PER_CUSTOMER,
  scoreWritePacer,
} from './model.repository.js';
export type { OpportunityListFilter } from './opportunity.repository.js';
export { OpportunityRepository, opportunityItem } from './opportunity.repository.js';
export { PartitionPacer } from './partition-pacer.js';
export { PartnerOrganisationRepository } from './partner-organisation.repository.js';
export { PlatformTable } from './platform-table.js';
export { QuoteRepository, quoteItem } from './quote.repository.js';
export type { RefitTally, RefitWorkState } from './refit-work.repository.js';
export { RefitWorkRepository } from './refit-work.repository.js';
export type { StoredSalesSetup } from './sales-setup.repository.js';
export { SalesSetupRepository } from './sales-setup.repository.js';
export { SegmentRepository } from './segment.repository.js';
export { ServicePlanRepository, servicePlanItem } from './service-plan.repository.js';
export type { ServiceRequestListQuery, StoredServiceSlaPolicy } from './service-request.repository.js';
export {
  ServiceRequestRepository,
  serviceAssigneeKey,
  serviceRequestItem,
} from './service-request.repository.js';
export type { Session } from './session.repository.js';
export { SessionRepository } from './session.repository.js';
export type { ShardPosition } from './sharded-query.js';
export { decodeCursor, encodeCursor, shardedQuery } from './sharded-query.js';
export { ShareRepository, shareCursorAfter } from './share.repository.js';
export type { SmsMessage } from './sms-message.repository.js';
export { SmsMessageRepository } from './sms-message.repository.js';
export type { StreamEntityType } from './stream-entity-types.js';
export { streamEntityTypes } from './stream-entity-types.js';
export type { StreamFilter } from './stream-filter.js';
export { passesStreamFilter, streamFilter } from './stream-filter.js';
export { toEntityChange } from './stream-record.js';
export { SurveyRepository, surveyInvitationItem, surveyItem } from './survey.repository.js';
export type { SurveyClaim, SurveyLink, SurveySendOutcome } from './survey-link.repository.js';
export { SurveyLinkRepository } from './survey-link.repository.js';
export type { SurveySendEntry } from './survey-send-queue.repository.js';
export { SurveySendQueue } from './survey-send-queue.repository.js';
export type { StoredSurveySendRun } from './survey-send-run.repository.js';
export { SurveySendRunRepository } from './survey-send-run.repository.js';
export type { IndexName, TableDefinition } from './table-definition.js';
export { tableDefinition } from './table-definition.js';
export type { StoredTaskPolicy, TaskChange, TaskListFilter } from './task.repository.js';
export { TaskRepository } from './task.repository.js';
export { TenantRepository } from './tenant.repository.js';
export type { TenantDeletionMarker } from './tenant-deletion.repository.js';
export { TenantDeletionRepository } from './tenant-deletion.repository.js';
export type { StoredTenantExport } from './tenant-export.repository.js';
export { TenantExportRepository } from './tenant-export.repository.js';
export { deleteKeys, putItems, reachedPartitionFamilies, TenantItems } from './tenant-items.js';
export type { TenantClientFactory, TenantScopedClientOptions } from './tenant-scoped-client.js';
export { createTenantScopedClientFactory, sharedClientFactory } from './tenant-scoped-client.js';
export { TenantTable } from './tenant-table.js';
export type { BucketDecision, BucketLimit } from './token-bucket.js';
export { reserveTokens, takeToken } from './token-bucket.js';
export type { BucketOwner } from './token-bucket.repository.js';
export { TokenBucketRepository } from './token-bucket.repository.js';
export type { UnsubscribeLink } from './unsubscribe-link.repository.js';
export { UnsubscribeLinkRepository } from './unsubscribe-link.repository.js';
export type { Invitation, Mail } from './user.repository.js';
export { UserRepository } from './user.repository.js';
export { updateVersioned } from './versioned-update.js';
export type { StoredWebhookDelivery, StoredWebhookSecret } from './webhook.repository.js';
export { WebhookDueTenants, WebhookRepository } from './webhook.repository.js';
export type { StoredWorkflowRun, WorkflowWaitMarker } from './workflow.repository.js';
export { WorkflowRepository, WorkflowWaits } from './workflow.repository.js';
