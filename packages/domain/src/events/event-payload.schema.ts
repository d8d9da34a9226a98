import { z } from 'zod';
import { CustomerScoresSchema, ModelFitSchema, ModelSummarySchema } from '../analytics.schema.js';
import { CampaignSchema } from '../campaigns/campaign.schema.js';
import { ChurnFileSchema } from '../churn/churn-file.schema.js';
import { ComplaintSchema } from '../complaints/complaint.schema.js';
import { ContactSchema } from '../contact.schema.js';
import { CreditFileSchema, ReceivableSchema } from '../credit/credit-file.schema.js';
import { CustomerSchema } from '../customer.schema.js';
import { ImportJobSchema } from '../import.schema.js';
import { InteractionSchema } from '../interaction.schema.js';
import { MemberTierChangeSchema } from '../members/member-tier.schema.js';
import { LeadSchema } from '../sales/lead.schema.js';
import { OpportunitySchema } from '../sales/opportunity.schema.js';
import { QuoteSchema } from '../sales/quote.schema.js';
import { ServiceRequestSchema } from '../service/service-request.schema.js';
import { ShareSchema } from '../share.schema.js';
import { SurveyInvitationSchema } from '../surveys/survey-invitation.schema.js';
import { TaskSchema } from '../tasks/task.schema.js';
import { TenantExportSchema } from '../tenant-data.schema.js';
import { WebhookEndpointSchema } from '../webhooks/webhook-endpoint-record.schema.js';
import { WorkflowRunSchema } from '../workflows/workflow-run.schema.js';

/**
 * What each catalog event carries in `data`. Each is derived from the entity's own schema, so an
 * event says what the API says; `z.object` drops every attribute the schema does not name, which
 * is how keys, index attributes (`gsi*`), `statsRevision` and the other storage attributes stay
 * out of events. The entity's `version` counter is left out too: it is an optimistic-concurrency
 * precondition for the API, not a fact about the entity, and would be confused with the event's
 * own schema version.
 */

/** The customer after the change, with its figures and, once the tenant has a fit, its scores. */
export const CustomerEventDataSchema = CustomerSchema.omit({ version: true }).extend({
  scores: CustomerScoresSchema.optional(),
});
export type CustomerEventData = z.infer<typeof CustomerEventDataSchema>;

/**
 * A customer item deleted outright (not archived): only its id, because a hard delete is an
 * erasure (PIPL / GDPR) or a tenant leaving, and the person's data must not travel on in the event.
 */
export const CustomerRemovedDataSchema = z.object({ id: z.string() });
export type CustomerRemovedData = z.infer<typeof CustomerRemovedDataSchema>;

export const ContactEventDataSchema = ContactSchema.omit({ version: true });
export type ContactEventData = z.infer<typeof ContactEventDataSchema>;

/**
 * One timeline entry. Its `type` (call, visit, order, payment, …) is a field of the payload, not
 * part of the event name: webhook filters and workflow conditions select on it
 * (`interaction.created` where `type = order`), and a new interaction type needs no new event.
 */
export const InteractionEventDataSchema = InteractionSchema.omit({ version: true });
export type InteractionEventData = z.infer<typeof InteractionEventDataSchema>;

export const ImportCompletedDataSchema = ImportJobSchema.extend({
  status: z.literal('completed'),
  finishedAt: z.string(),
});
export type ImportCompletedData = z.infer<typeof ImportCompletedDataSchema>;

export const ImportFailedDataSchema = ImportJobSchema.extend({
  status: z.literal('failed'),
  finishedAt: z.string(),
});
export type ImportFailedData = z.infer<typeof ImportFailedDataSchema>;

/**
 * A finished tenant export, in brief: what it holds and until when it can be downloaded. Never the
 * download link, nor where the archive is: only the owner takes it, once, through the API.
 */
export const TenantExportCompletedDataSchema = TenantExportSchema.pick({
  id: true,
  counts: true,
  itemsDone: true,
  bytes: true,
  startedBy: true,
  startedAt: true,
  finishedAt: true,
  availableUntil: true,
}).extend({
  status: z.literal('done'),
  bytes: z.number().int().min(0),
  finishedAt: z.string(),
  availableUntil: z.string(),
});
export type TenantExportCompletedData = z.infer<typeof TenantExportCompletedDataSchema>;

/**
 * A finished refit, in brief: when, over what, and the tenant-level headline figures. The stored
 * run also holds cut-offs, quantiles and a month-by-month summary; those stay behind
 * `GET /v1/analytics/*`, so the event stays small (webhook payloads stay under 20 KB).
 */
export const RefitCompletedDataSchema = ModelFitSchema.pick({
  id: true,
  trigger: true,
  startedAt: true,
  calibration: true,
  currency: true,
  warnings: true,
}).extend({
  fittedAt: z.string(),
  /** Whether the BG/NBD fit converged. */
  converged: z.boolean().optional(),
  customers: ModelSummarySchema.shape.customers.optional(),
  /** Customers per ABC class. */
  abcCounts: ModelSummarySchema.shape.abc.shape.counts.optional(),
  expectedRevenue: ModelSummarySchema.shape.expectedRevenue.optional(),
});
export type RefitCompletedData = z.infer<typeof RefitCompletedDataSchema>;

export const RefitFailedDataSchema = ModelFitSchema.pick({
  id: true,
  trigger: true,
  startedAt: true,
  fittedAt: true,
}).extend({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type RefitFailedData = z.infer<typeof RefitFailedDataSchema>;

/**
 * A customer's credit standing after the change (客户信用档案), without the factor breakdown and
 * the ageing table (behind `GET /v1/customers/{id}/credit`). `id` is the customer's.
 */
export const CreditFileEventDataSchema = CreditFileSchema.omit({
  version: true,
  factors: true,
  ageing: true,
}).extend({
  id: z.string(),
});
export type CreditFileEventData = z.infer<typeof CreditFileEventDataSchema>;

/**
 * A customer's churn standing after the change (活跃 / 风险 / 休眠 / 流失, behind
 * `GET /v1/customers/{id}/churn`): the state, what it was read from, whether the customer counts
 * as valuable and the suggested win-back step. `id` is the customer's.
 */
export const ChurnFileEventDataSchema = ChurnFileSchema.extend({ id: z.string() });
export type ChurnFileEventData = z.infer<typeof ChurnFileEventDataSchema>;

/**
 * A receivable (应收账款) as `GET /v1/customers/{id}/credit/receivables` shows it, once credit
 * control has found it overdue: what the invoice (or the order, where the tenant invoices on
 * order) charged, what is paid of it, when it fell due and `overdueAt`. `id` is the invoice's (or
 * order's) interaction id.
 */
export const ReceivableEventDataSchema = ReceivableSchema.omit({
  settledAt: true,
  settledOnTime: true,
}).extend({
  overdueAt: z.string(),
});
export type ReceivableEventData = z.infer<typeof ReceivableEventDataSchema>;
/** The complaint after the change: its step, department, SLA, escalations and whole trail. */
export const ComplaintEventDataSchema = ComplaintSchema.omit({ version: true });
export type ComplaintEventData = z.infer<typeof ComplaintEventDataSchema>;
/** The service request after the change: status, assignee, visits, result, follow-up and whole trail. */
export const ServiceRequestEventDataSchema = ServiceRequestSchema.omit({ version: true });
export type ServiceRequestEventData = z.infer<typeof ServiceRequestEventDataSchema>;
/** The care reminder (关怀提醒) after the change: kind, customer, due day, assignee and status. */
export const TaskEventDataSchema = TaskSchema.omit({ version: true });
export type TaskEventData = z.infer<typeof TaskEventDataSchema>;
/** A webhook endpoint as admins see it (its secrets are stored apart and never travel). */
export const WebhookEndpointEventDataSchema = WebhookEndpointSchema.omit({ version: true });
export type WebhookEndpointEventData = z.infer<typeof WebhookEndpointEventDataSchema>;
/** A lead (销售线索) after the change: source, grade, owner, status and, once converted, the customer and deal. */
export const LeadEventDataSchema = LeadSchema.omit({ version: true });
export type LeadEventData = z.infer<typeof LeadEventDataSchema>;
/** An opportunity (销售机会) after the change: amount, stage and its history, status, lost reason and competitor. */
export const OpportunityEventDataSchema = OpportunitySchema.omit({ version: true });
export type OpportunityEventData = z.infer<typeof OpportunityEventDataSchema>;

export const QuoteEventDataSchema = QuoteSchema.omit({ version: true });
export type QuoteEventData = z.infer<typeof QuoteEventDataSchema>;

/** A survey invitation after the change: who it went to, when, and once answered the answers and rating. */
export const SurveyInvitationEventDataSchema = SurveyInvitationSchema.omit({ version: true });
export type SurveyInvitationEventData = z.infer<typeof SurveyInvitationEventDataSchema>;

/**
 * A finished workflow run as its history shows it, without the plan: the plan repeats the
 * definition's actions and their effects (customer fields, mail texts), which `GET
 * /v1/workflows/{id}/runs` serves, and would push larger runs past the 20 KB payload limit.
 */
export const WorkflowRunEventDataSchema = WorkflowRunSchema.omit({ plan: true, resumeAt: true });
export type WorkflowRunEventData = z.infer<typeof WorkflowRunEventDataSchema>;

/** A campaign once its send went through the whole segment: templates, segment, hold-out % and the counts. */
export const CampaignEventDataSchema = CampaignSchema.omit({ version: true });
export type CampaignEventData = z.infer<typeof CampaignEventDataSchema>;
/** A share of a customer with a channel partner (a user or an organisation): fields, access, expiry. */
// A copy, not the `Share` component itself: the catalog inlines each payload rather than referring to it.
export const ShareEventDataSchema = ShareSchema.extend({});
export type ShareEventData = z.infer<typeof ShareEventDataSchema>;
// A copy, not the `MemberTierChange` component: an event's data is described inline in the catalog.
export const MemberTierChangeEventDataSchema = MemberTierChangeSchema.extend({});
export type MemberTierChangeEventData = z.infer<typeof MemberTierChangeEventDataSchema>;
