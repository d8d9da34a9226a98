import type { z } from 'zod';
import {
  CampaignEventDataSchema,
  ChurnFileEventDataSchema,
  ComplaintEventDataSchema,
  ContactEventDataSchema,
  CreditFileEventDataSchema,
  CustomerEventDataSchema,
  CustomerRemovedDataSchema,
  ImportCompletedDataSchema,
  ImportFailedDataSchema,
  InteractionEventDataSchema,
  LeadEventDataSchema,
  MemberTierChangeEventDataSchema,
  OpportunityEventDataSchema,
  QuoteEventDataSchema,
  ReceivableEventDataSchema,
  RefitCompletedDataSchema,
  RefitFailedDataSchema,
  ServiceRequestEventDataSchema,
  ShareEventDataSchema,
  SurveyInvitationEventDataSchema,
  TaskEventDataSchema,
  TenantExportCompletedDataSchema,
  WebhookEndpointEventDataSchema,
  WorkflowRunEventDataSchema,
} from './event-payload.schema.js';

/** One kind of event the product publishes (docs/events.md). */
export type CatalogEntry = {
  /** Schema version of `data`: additive changes keep it, a breaking change adds a new version. */
  readonly version: number;
  /** The stored entity type (the table's `entityType` attribute) whose changes produce it. */
  readonly entityType: string;
  /** What happened, and when the event is emitted. */
  readonly description: string;
  readonly payload: z.ZodObject;
  /** Updates name the fields that changed (`changedFields`) and their values before (`previous`). */
  readonly carriesChanges: boolean;
};

/**
 * Every domain event, by name. Webhooks, workflows and the stream reactions of later features
 * (credit, churn alerts, complaints, sales) subscribe to these names; `toCatalogEvents` produces
 * them from the stream, and `GET /v1/events/catalog` serves them as JSON Schema.
 *
 * @example
 * eventCatalog['customer.archived'].entityType // 'customer'
 */
export const eventCatalog = {
  'customer.created': {
    version: 1,
    entityType: 'customer',
    description: 'A customer was added, by a user, the API or an import (then `data.importId` names it).',
    payload: CustomerEventDataSchema,
    carriesChanges: false,
  },
  'customer.updated': {
    version: 1,
    entityType: 'customer',
    description:
      'A customer’s profile changed (name, status, owner, tags, custom fields, …). Figures and ' +
      'scores that the system recomputes (`stats`, `scores`) never cause it on their own.',
    payload: CustomerEventDataSchema,
    carriesChanges: true,
  },
  'customer.archived': {
    version: 1,
    entityType: 'customer',
    description: 'A customer was archived (deleted in the UI, still restorable): `archivedAt` was set.',
    payload: CustomerEventDataSchema,
    carriesChanges: true,
  },
  'customer.restored': {
    version: 1,
    entityType: 'customer',
    description: 'An archived customer was restored: `archivedAt` was cleared.',
    payload: CustomerEventDataSchema,
    carriesChanges: true,
  },
  'customer.removed': {
    version: 1,
    entityType: 'customer',
    description:
      'A customer record was erased for good (never by archiving). Only the id travels, as the ' +
      'erasure of personal data requires.',
    payload: CustomerRemovedDataSchema,
    carriesChanges: false,
  },
  'contact.created': {
    version: 1,
    entityType: 'contact',
    description: 'A contact person (联系人) was added to a customer.',
    payload: ContactEventDataSchema,
    carriesChanges: false,
  },
  'contact.updated': {
    version: 1,
    entityType: 'contact',
    description: 'A contact person’s details, roles or relationships changed.',
    payload: ContactEventDataSchema,
    carriesChanges: true,
  },
  'contact.removed': {
    version: 1,
    entityType: 'contact',
    description: 'A contact person was deleted; `data` is the contact as it was.',
    payload: ContactEventDataSchema,
    carriesChanges: false,
  },
  'interaction.created': {
    version: 1,
    entityType: 'interaction',
    description:
      'An entry was added to a customer’s timeline: a call, visit, note, order, payment, invoice, ' +
      '… (`data.type`), from the API or an import (`data.source` is `import:<importId>`).',
    payload: InteractionEventDataSchema,
    carriesChanges: false,
  },
  'interaction.removed': {
    version: 1,
    entityType: 'interaction',
    description: 'A timeline entry was deleted; `data` is the entry as it was (amount and type included).',
    payload: InteractionEventDataSchema,
    carriesChanges: false,
  },
  'order.held': {
    version: 1,
    entityType: 'interaction',
    description:
      'Credit control held an order when it arrived (over the limit, or overdue beyond the ' +
      'policy): `data.creditHold.reasons` says why.',
    payload: InteractionEventDataSchema,
    carriesChanges: false,
  },
  'credit.hold.placed': {
    version: 1,
    entityType: 'creditFile',
    description:
      'A customer was put on credit hold; `data.reasons` carries the rules that fired and their figures.',
    payload: CreditFileEventDataSchema,
    carriesChanges: false,
  },
  'credit.hold.released': {
    version: 1,
    entityType: 'creditFile',
    description: 'A customer’s credit hold was released, by the figures clearing or by a risk manager.',
    payload: CreditFileEventDataSchema,
    carriesChanges: false,
  },
  'credit.grade.changed': {
    version: 1,
    entityType: 'creditFile',
    description: 'A customer’s credit grade (信用等级) changed; `previous.grade` is the grade before.',
    payload: CreditFileEventDataSchema,
    carriesChanges: true,
  },
  'import.completed': {
    version: 1,
    entityType: 'importJob',
    description: 'An import (数据迁移) finished: `data` holds its counts of rows read, written and rejected.',
    payload: ImportCompletedDataSchema,
    carriesChanges: false,
  },
  'import.failed': {
    version: 1,
    entityType: 'importJob',
    description: 'An import stopped without finishing; `data.error` says why.',
    payload: ImportFailedDataSchema,
    carriesChanges: false,
  },
  'tenant.export.completed': {
    version: 1,
    entityType: 'tenantExport',
    description:
      'An export of all the tenant’s data (数据导出) finished: `data` holds its counts per entity type, ' +
      'its size and until when the owner can download it (once, in the app; the event carries no link).',
    payload: TenantExportCompletedDataSchema,
    carriesChanges: false,
  },
  'analytics.refit.completed': {
    version: 1,
    entityType: 'modelFit',
    description:
      'A refit of the tenant’s value models (BG/NBD, Gamma-Gamma, RFM, ABC) succeeded and every ' +
      'customer was rescored.',
    payload: RefitCompletedDataSchema,
    carriesChanges: false,
  },
  'analytics.refit.failed': {
    version: 1,
    entityType: 'modelFit',
    description: 'A refit stopped without a result; `data.error` says why. The previous fit stays in use.',
    payload: RefitFailedDataSchema,
    carriesChanges: false,
  },
  'churn.risk.raised': {
    version: 1,
    entityType: 'churnFile',
    description:
      'A valuable customer (ABC class A) left `active` (at risk, dormant or lost: `data.state`), ' +
      'once per episode; the owner gets a churn alert with the suggested win-back step (`data.suggestion`).',
    payload: ChurnFileEventDataSchema,
    carriesChanges: false,
  },
  'churn.risk.cleared': {
    version: 1,
    entityType: 'churnFile',
    description:
      'A customer announced by `churn.risk.raised` is `active` again (bought again, or the model ' +
      'says so); the churn alert is resolved.',
    payload: ChurnFileEventDataSchema,
    carriesChanges: false,
  },
  'invoice.overdue': {
    version: 1,
    entityType: 'receivable',
    description:
      'A receivable (an invoice, or an order where the tenant invoices on order) became overdue: ' +
      'past its due date by more than the policy’s maturity margin and not paid in full. Once per receivable.',
    payload: ReceivableEventDataSchema,
    carriesChanges: false,
  },
  'complaint.recorded': {
    version: 1,
    entityType: 'complaint',
    description: 'A customer complaint (客户投诉) was recorded: step 1 of the eight-step process.',
    payload: ComplaintEventDataSchema,
    carriesChanges: false,
  },
  'complaint.transitioned': {
    version: 1,
    entityType: 'complaint',
    description:
      'A complaint moved to another open step (validated, assigned, analysed, proposed, approved, ' +
      'carried out, or back to analysed when a supervisor sent the proposal back); `previous.step` ' +
      'is where it was. Closing is `complaint.closed`.',
    payload: ComplaintEventDataSchema,
    carriesChanges: true,
  },
  'complaint.overdue': {
    version: 1,
    entityType: 'complaint',
    description:
      'A complaint outlived its step’s SLA and was escalated (`data.escalations` ends with this one); ' +
      'raised once per step visit by the nightly pass.',
    payload: ComplaintEventDataSchema,
    carriesChanges: false,
  },
  'complaint.closed': {
    version: 1,
    entityType: 'complaint',
    description:
      'A complaint was closed: reviewed with a rating (`outcome` resolved, a follow-up scheduled) or ' +
      'judged invalid (step and `outcome` rejected, with `rejectionReason`); `previous.step` is where it was.',
    payload: ComplaintEventDataSchema,
    carriesChanges: true,
  },
  'complaint.followed_up': {
    version: 1,
    entityType: 'complaint',
    description:
      'The service-recovery call after closing (服务补救回访) was made: `data.followUp` is done with its ' +
      '`outcome` (won_back, still_unhappy, unreachable), the customer’s `score` (1–5) when asked, who and ' +
      'when; `previous.followUp` was scheduled.',
    payload: ComplaintEventDataSchema,
    carriesChanges: true,
  },
  'service.requested': {
    version: 1,
    entityType: 'serviceRequest',
    description:
      'A service request (客户服务) was received (受理), by a user or by a service plan’s nightly run ' +
      '(then `data.planId` and `data.planDueOn` name the plan and the occurrence).',
    payload: ServiceRequestEventDataSchema,
    carriesChanges: false,
  },
  'service.dispatched': {
    version: 1,
    entityType: 'serviceRequest',
    description:
      'A service request was dispatched (派工) to a technician, a team or a partner user (`data.assignee`).',
    payload: ServiceRequestEventDataSchema,
    carriesChanges: true,
  },
  'service.overdue': {
    version: 1,
    entityType: 'serviceRequest',
    description:
      'A service request outlived its status’s SLA and was escalated (`data.escalations` ends with this ' +
      'one: the status and the due time it missed); raised once per status visit by the nightly pass.',
    payload: ServiceRequestEventDataSchema,
    carriesChanges: false,
  },
  'service.completed': {
    version: 1,
    entityType: 'serviceRequest',
    description:
      'The work on a service request was done and its result recorded (`data.result`); status resolved.',
    payload: ServiceRequestEventDataSchema,
    carriesChanges: true,
  },
  'service.followed_up': {
    version: 1,
    entityType: 'serviceRequest',
    description:
      'Head office followed a resolved request up (回访) and closed it: `data.followUp.score` is the ' +
      'customer’s satisfaction 1–5, with the note and whether it was a call or a visit.',
    payload: ServiceRequestEventDataSchema,
    carriesChanges: true,
  },
  'survey.sent': {
    version: 1,
    entityType: 'surveyInvitation',
    description:
      'A satisfaction survey (满意度调查) was sent to a customer (`data.customerId`) at `data.email`, ' +
      'with a personal link valid until `data.validUntil`. One per customer per send.',
    payload: SurveyInvitationEventDataSchema,
    carriesChanges: false,
  },
  'survey.answered': {
    version: 1,
    entityType: 'surveyInvitation',
    description:
      'A customer answered a survey: `data.answers` by question id and `data.rating` (1–5, added to the ' +
      'customer’s satisfaction figure); a low rating can start a workflow (e.g. record a complaint).',
    payload: SurveyInvitationEventDataSchema,
    carriesChanges: false,
  },
  'task.created': {
    version: 1,
    entityType: 'task',
    description:
      'A care reminder (关怀提醒) was created for the customer’s owner: `data.kind` is `reorder` (the ' +
      'customer is expected to re-order around `data.details.expectedOn`), `collect_payment` (催付: a ' +
      'receivable became overdue), `birthday` or `anniversary`. Once per reminder.',
    payload: TaskEventDataSchema,
    carriesChanges: false,
  },
  'task.completed': {
    version: 1,
    entityType: 'task',
    description:
      'A care reminder was done: `data.completedBy`, `data.completedAt` and `data.note` say who, when and how.',
    payload: TaskEventDataSchema,
    carriesChanges: false,
  },
  'lead.created': {
    version: 1,
    entityType: 'lead',
    description: 'A lead (销售线索) was recorded, graded by the tenant’s rules (`data.grade`) or by hand.',
    payload: LeadEventDataSchema,
    carriesChanges: false,
  },
  'lead.converted': {
    version: 1,
    entityType: 'lead',
    description:
      'A lead was converted: `data.customerId` is the customer it became (new, or the existing one it ' +
      'matched) and `data.opportunityId` the deal opened for it. Once per lead.',
    payload: LeadEventDataSchema,
    carriesChanges: false,
  },
  'opportunity.stage_changed': {
    version: 1,
    entityType: 'opportunity',
    description:
      'An open deal moved to another stage of its pipeline; `previous.stage` is where it was and ' +
      '`data.stageHistory` how long it stayed in each.',
    payload: OpportunityEventDataSchema,
    carriesChanges: true,
  },
  'opportunity.won': {
    version: 1,
    entityType: 'opportunity',
    description: 'A deal was won (`data.closedAt`, `data.closedBy`); `data.amount` is in minor units.',
    payload: OpportunityEventDataSchema,
    carriesChanges: false,
  },
  'opportunity.lost': {
    version: 1,
    entityType: 'opportunity',
    description:
      'A deal was lost, with `data.lostReason`, the competitor it went to (`data.lostCompetitor`) and ' +
      'the stage it was lost in (`data.stage`).',
    payload: OpportunityEventDataSchema,
    carriesChanges: false,
  },
  'quote.accepted': {
    version: 1,
    entityType: 'quote',
    description:
      'The customer accepted a sent quote: `data.order` names the order recorded for `data.totals.total` ' +
      '(minor units) on the customer’s timeline, which credit control then checks. Once per quote.',
    payload: QuoteEventDataSchema,
    carriesChanges: false,
  },
  'member.tier_changed': {
    version: 1,
    entityType: 'memberTierChange',
    description:
      'The member programme moved a customer up a tier (会员升级: customer → member → advocate by default): ' +
      '`data.from`, `data.to`, and the figures the rules were applied to. Once per upgrade; tiers only go up.',
    payload: MemberTierChangeEventDataSchema,
    carriesChanges: false,
  },
  'webhook.endpoint.disabled': {
    version: 1,
    entityType: 'webhookEndpoint',
    description:
      'The system disabled a webhook endpoint: it answered 410 Gone (`data.disabledReason` = `gone`) ' +
      'or every delivery failed for 5 days (`failing`). An admin turning it off is no event.',
    payload: WebhookEndpointEventDataSchema,
    carriesChanges: false,
  },
  'workflow.run.completed': {
    version: 1,
    entityType: 'workflowRun',
    description:
      'A workflow run took its last action (`data.steps`: what each wrote or sent). A workflow ' +
      'triggered by it runs one level deeper than the run it is about, so the depth limit ends loops.',
    payload: WorkflowRunEventDataSchema,
    carriesChanges: false,
  },
  'workflow.run.failed': {
    version: 1,
    entityType: 'workflowRun',
    description:
      'A workflow run stopped at a failing action (`data.error`, and the failed step in `data.steps`). ' +
      'A run stopped by the depth limit (`stopped`) is no event.',
    payload: WorkflowRunEventDataSchema,
    carriesChanges: false,
  },
  'campaign.sent': {
    version: 1,
    entityType: 'campaign',
    description:
      'A campaign (批量沟通) finished sending: every customer of its segment was sent the message, held out or ' +
      'skipped; `data.progress` counts each (sent, skipped, bounced, holdout). Once per campaign.',
    payload: CampaignEventDataSchema,
    carriesChanges: false,
  },
  'share.granted': {
    version: 1,
    entityType: 'share',
    description:
      'A customer was shared with a channel partner (a user, or an organisation: `data.grantee`), or ' +
      'an existing share was replaced: `data.fields`, `data.access` and `data.validUntil` say what it grants.',
    payload: ShareEventDataSchema,
    carriesChanges: false,
  },
  'share.revoked': {
    version: 1,
    entityType: 'share',
    description:
      'An admin stopped a share; `data` is the share as it was. A share that reaches its ' +
      '`validUntil` stops working without an event.',
    payload: ShareEventDataSchema,
    carriesChanges: false,
  },
} as const satisfies Record<string, CatalogEntry>;

export type EventCatalog = typeof eventCatalog;
export type EventType = keyof EventCatalog;
/** Entity types with catalog events: the stream reactions may subscribe to these and no others. */
export type CatalogEntityType = EventCatalog[EventType]['entityType'];

/** Every event name, in catalog order. */
export const eventTypes = Object.keys(eventCatalog) as EventType[];

/**
 * The entity types whose stream records carry catalog events, and so the only ones a reaction may
 * subscribe to. The stream filter (`streamEntityTypes` in @crm/dynamodb) lists the subset the
 * registered reactions use.
 */
export const catalogEntityTypes: readonly CatalogEntityType[] = [
  ...new Set(eventTypes.map((type) => eventCatalog[type].entityType)),
];

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(eventCatalog, value);
}

export function isCatalogEntityType(value: string): value is CatalogEntityType {
  return (catalogEntityTypes as readonly string[]).includes(value);
}
