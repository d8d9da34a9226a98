import { z } from 'zod';
import { IdSchema } from '../ids.js';

export const alertTypes = ['credit', 'churn', 'webhook', 'complaint', 'service'] as const;
export type AlertType = (typeof alertTypes)[number];
export const AlertTypeSchema = z.enum(alertTypes);

export const alertStatuses = ['open', 'acknowledged', 'resolved', 'snoozed'] as const;
export type AlertStatus = (typeof alertStatuses)[number];
export const AlertStatusSchema = z.enum(alertStatuses);

/** What happened, one per cause an alert can be raised for. */
export const alertKinds = [
  'credit.hold.placed',
  'churn.risk.raised',
  'webhook.endpoint.disabled',
  'complaint.escalated',
  'service.escalated',
] as const;
export type AlertKind = (typeof alertKinds)[number];

/** Why the alert was raised: a code the screens translate, with the figures it was read from. */
export const AlertReasonSchema = z
  .object({
    code: z.string(),
    figures: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).optional(),
  })
  .meta({ id: 'AlertReason' });
export type AlertReason = z.infer<typeof AlertReasonSchema>;

/**
 * Something the customer's owner should look at (a credit hold, a valuable customer drifting
 * away), raised by the stream reactions and the nightly pass, worked through in the alerts inbox;
 * or, for the admins, a webhook endpoint the system turned off (`type` `webhook`: `webhookId` says
 * which, and no customer is concerned); or a complaint whose step went past its SLA (`type`
 * `complaint`: `complaintId` says which, escalated to its department's people); or a service
 * request whose status went past its SLA (`type` `service`: `serviceRequestId` says which,
 * escalated to the technician it was dispatched to, else the customer's owner).
 */
export const AlertSchema = z
  .object({
    id: z.string(),
    type: AlertTypeSchema,
    kind: z.enum(alertKinds),
    /** The customer concerned; null for a webhook alert. */
    customerId: z.string().nullable(),
    customerName: z.string().nullable(),
    /** The endpoint a webhook alert is about (its URL is in the reasons' figures). */
    webhookId: z.string().optional(),
    /** The complaint an escalation alert is about (a step past its SLA). */
    complaintId: z.string().optional(),
    /** The service request an escalation alert is about (a status past its SLA). */
    serviceRequestId: z.string().optional(),
    status: AlertStatusSchema,
    reasons: z.array(AlertReasonSchema),
    /** The first step suggested to the owner (e.g. `personal_call`, `collect_payment`). */
    suggestion: z.string().nullable(),
    /** The customer's owner when raised; reassignable. Null when the customer has no owner. */
    assigneeId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** A user id, or `system:<reaction>` for changes made by the stream or the nightly pass. */
    updatedBy: z.string(),
    snoozedUntil: z.string().nullable(),
    resolvedAt: z.string().nullable(),
  })
  .meta({ id: 'Alert' });
export type Alert = z.infer<typeof AlertSchema>;

export const AlertSnoozeSchema = z
  .strictObject({
    until: z.iso
      .datetime({ offset: true, message: 'must be an ISO-8601 date-time, e.g. 2026-01-02T03:04:05Z' })
      .max(40),
  })
  .meta({ id: 'AlertSnooze' });
export type AlertSnooze = z.infer<typeof AlertSnoozeSchema>;

export const AlertAssignSchema = z.strictObject({ assigneeId: IdSchema }).meta({ id: 'AlertAssign' });
export type AlertAssign = z.infer<typeof AlertAssignSchema>;
