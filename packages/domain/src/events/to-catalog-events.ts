import type { z } from 'zod';
import type { EntityChange } from '../entity-change.js';
import type { CatalogEvent, EventField } from './catalog-event.schema.js';
import { changedFieldNames } from './changed-fields.js';
import { type CatalogEntityType, type EventType, eventCatalog } from './event-catalog.js';
import { RefitCompletedDataSchema } from './event-payload.schema.js';

/** A stored record of a catalogued entity type that its event's payload schema rejects. */
export type InvalidEventRecord = {
  change: EntityChange;
  /** The event the record would have produced. */
  eventType: EventType;
  image: 'before' | 'after';
  issues: z.core.$ZodIssue[];
};

export type ToCatalogEventsOptions = {
  /**
   * Told about each record that should have produced an event but does not match its schema, so
   * the caller can log it or send it to a dead-letter queue (the mapper itself never throws).
   */
  onInvalidRecord?: (invalid: InvalidEventRecord) => void;
};

type Report = (invalid: Omit<InvalidEventRecord, 'change'>) => void;
type Data<T extends EventType> = z.output<(typeof eventCatalog)[T]['payload']>;
type Stored = Record<string, unknown>;

/** Bookkeeping every write moves: never a change in itself, never listed as one. */
const BOOKKEEPING: ReadonlySet<string> = new Set(['updatedAt', 'updatedBy', 'updatedByOrganisationId']);
/** Figures the system recomputes after interactions and refits: listed when they move, but a
 * change of these alone is no customer.updated (one per order, or per customer per nightly refit). */
const COMPUTED: ReadonlySet<string> = new Set(['stats', 'scores', 'memberTier', 'memberTierSince']);

const TERMINAL_IMPORT = { completed: 'import.completed', failed: 'import.failed' } as const;
const TERMINAL_WORKFLOW_RUN = { completed: 'workflow.run.completed', failed: 'workflow.run.failed' } as const;
const TERMINAL_EXPORT = { done: 'tenant.export.completed' } as const;
const TERMINAL_REFIT = { succeeded: 'analytics.refit.completed', failed: 'analytics.refit.failed' } as const;

function isStored(value: unknown): value is Stored {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The record's payload for event `type`, or undefined (reported) when the record does not fit. */
function payloadOf<T extends EventType>(
  type: T,
  record: unknown,
  image: 'before' | 'after',
  report: Report,
): Data<T> | undefined {
  const parsed = eventCatalog[type].payload.safeParse(record);
  if (!parsed.success) {
    report({ eventType: type, image, issues: parsed.error.issues });
    return undefined;
  }
  // An event names its entity (`entityId`): a record without an id is not one to announce, even
  // where the entity's own schema lets an id be any string.
  const { id } = parsed.data as { id?: unknown };
  if (typeof id !== 'string' || id === '') {
    report({
      eventType: type,
      image,
      issues: [
        {
          code: 'custom',
          path: ['id'],
          message: 'an event names its entity: id must not be empty',
          input: id,
        },
      ],
    });
    return undefined;
  }
  return parsed.data as Data<T>;
}

function eventOf<T extends EventType>(
  type: T,
  change: EntityChange,
  data: Data<T>,
  changes?: { changedFields: string[]; previous: Stored },
): CatalogEvent<T> {
  const event = {
    id: change.eventId,
    type,
    version: eventCatalog[type].version,
    tenantId: change.tenantId,
    occurredAt: change.occurredAt,
    entityId: data.id,
    data,
    ...changes,
  };
  return event as unknown as CatalogEvent<T>;
}

/** The changed fields (bookkeeping aside) and the values they had before. */
function changesBetween<T extends EventType>(type: T, before: Data<T>, after: Data<T>) {
  const fields = Object.keys(eventCatalog[type].payload.shape).filter((field) => !BOOKKEEPING.has(field));
  const changedFields = changedFieldNames(fields, before as Stored, after as Stored) as EventField<T>[];
  const previous: Stored = {};
  for (const field of changedFields) {
    const value = (before as Stored)[field];
    if (value !== undefined) previous[field] = value;
  }
  return { changedFields, previous };
}

function customerEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const { before, after } = change;
  if (!after) {
    const data = before && payloadOf('customer.removed', before, 'before', report);
    return data ? [eventOf('customer.removed', change, data)] : [];
  }
  if (!before) {
    const data = payloadOf('customer.created', after, 'after', report);
    return data ? [eventOf('customer.created', change, data)] : [];
  }
  const type: EventType =
    !before.archivedAt && after.archivedAt
      ? 'customer.archived'
      : before.archivedAt && !after.archivedAt
        ? 'customer.restored'
        : 'customer.updated';
  const previousData = payloadOf(type, before, 'before', report);
  const data = payloadOf(type, after, 'after', report);
  if (!previousData || !data) return [];
  const changes = changesBetween(type, previousData, data);
  if (type === 'customer.updated' && changes.changedFields.every((field) => COMPUTED.has(field))) return [];
  return [eventOf(type, change, data, changes)];
}

function contactEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const { before, after } = change;
  if (!after) {
    const data = before && payloadOf('contact.removed', before, 'before', report);
    return data ? [eventOf('contact.removed', change, data)] : [];
  }
  if (!before) {
    const data = payloadOf('contact.created', after, 'after', report);
    return data ? [eventOf('contact.created', change, data)] : [];
  }
  const previousData = payloadOf('contact.updated', before, 'before', report);
  const data = payloadOf('contact.updated', after, 'after', report);
  if (!previousData || !data) return [];
  const changes = changesBetween('contact.updated', previousData, data);
  return changes.changedFields.length > 0 ? [eventOf('contact.updated', change, data, changes)] : [];
}

/**
 * Interactions are immutable facts: a modified one is a re-imported row written again under its
 * deterministic id (a new `source`, the same facts), which is no event, or an order credit control
 * marked held (`creditHold` appeared), which is `order.held`.
 */
function interactionEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const { before, after } = change;
  if (after && before && after.creditHold && !before.creditHold) {
    const data = payloadOf('order.held', after, 'after', report);
    return data ? [eventOf('order.held', change, data)] : [];
  }
  if (after && !before) {
    const data = payloadOf('interaction.created', after, 'after', report);
    return data ? [eventOf('interaction.created', change, data)] : [];
  }
  if (before && !after) {
    const data = payloadOf('interaction.removed', before, 'before', report);
    return data ? [eventOf('interaction.removed', change, data)] : [];
  }
  return [];
}

/** The status the record reached, if it is one of `terminal` and the record was not already there. */
function reachedTerminal<TStatus extends string>(
  change: EntityChange,
  terminal: Readonly<Record<TStatus, unknown>>,
): TStatus | undefined {
  const status = change.after?.status;
  const was = change.before?.status;
  const isTerminal = (value: unknown): value is TStatus =>
    typeof value === 'string' && Object.hasOwn(terminal, value);
  return isTerminal(status) && !isTerminal(was) ? status : undefined;
}

/** Jobs move queued → running (saved again after every batch) → completed | failed. */
function importEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const status = reachedTerminal(change, TERMINAL_IMPORT);
  if (!status) return [];
  const type = TERMINAL_IMPORT[status];
  const data = payloadOf(type, change.after, 'after', report);
  return data ? [eventOf(type, change, data)] : [];
}

/**
 * An export is saved `running` (with progress) until `done`, then `downloaded`: the event comes
 * once, on the write that finishes it; a failed export is told in the app only.
 */
function tenantExportEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const status = reachedTerminal(change, TERMINAL_EXPORT);
  if (!status) return [];
  const data = payloadOf(TERMINAL_EXPORT[status], change.after, 'after', report);
  return data ? [eventOf(TERMINAL_EXPORT[status], change, data)] : [];
}

/** The headline of a succeeded run, out of the full stored fit. */
function refitCompletedData(fit: Stored, report: Report): Data<'analytics.refit.completed'> | undefined {
  const summary = isStored(fit.summary) ? fit.summary : {};
  const diagnostics = isStored(fit.diagnostics) ? fit.diagnostics : {};
  const abc = isStored(summary.abc) ? summary.abc : {};
  const headline = Object.fromEntries(
    Object.entries({
      id: fit.id,
      trigger: fit.trigger,
      startedAt: fit.startedAt,
      fittedAt: fit.fittedAt,
      calibration: fit.calibration,
      currency: fit.currency,
      warnings: fit.warnings,
      converged: diagnostics.converged,
      customers: summary.customers,
      abcCounts: abc.counts,
      expectedRevenue: summary.expectedRevenue,
    }).filter(([, value]) => value !== undefined),
  );
  const parsed = RefitCompletedDataSchema.safeParse(headline);
  if (parsed.success) return parsed.data;
  report({ eventType: 'analytics.refit.completed', image: 'after', issues: parsed.error.issues });
  return undefined;
}

/**
 * Runs are stored `running`, then saved again `succeeded` or `failed`. (The `modelLatest` copy of
 * a succeeded run is another entity type, so a refit is announced once.)
 */
function refitEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const status = reachedTerminal(change, TERMINAL_REFIT);
  if (!status || !change.after) return [];
  if (status === 'failed') {
    const data = payloadOf('analytics.refit.failed', change.after, 'after', report);
    return data ? [eventOf('analytics.refit.failed', change, data)] : [];
  }
  const data = refitCompletedData(change.after, report);
  return data ? [eventOf('analytics.refit.completed', change, data)] : [];
}

/** A credit file's changes: a hold placed or released, and a new grade (both may happen at once). */
function creditFileEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const withId = (file: Stored | undefined): Stored | undefined =>
    file ? { ...file, id: file.customerId } : undefined;
  const before = withId(change.before);
  const after = withId(change.after);
  if (!after) return [];
  const events: CatalogEvent[] = [];
  const held = after.status === 'hold';
  const wasHeld = before?.status === 'hold';
  if (held !== wasHeld) {
    const type = held ? 'credit.hold.placed' : 'credit.hold.released';
    const data = payloadOf(type, after, 'after', report);
    if (data) events.push(eventOf(type, change, data));
  }
  if (before && before.grade !== after.grade) {
    const previousData = payloadOf('credit.grade.changed', before, 'before', report);
    const data = payloadOf('credit.grade.changed', after, 'after', report);
    if (previousData && data) {
      events.push(
        eventOf(
          'credit.grade.changed',
          change,
          data,
          changesBetween('credit.grade.changed', previousData, data),
        ),
      );
    }
  }
  return events;
}

/**
 * A churn file is written when the customer's state moves. A valuable customer leaving `active`
 * (or turning valuable while away) is `churn.risk.raised`, once per episode; coming back to
 * `active` after one is `churn.risk.cleared`. The same moves raise and resolve the churn alert.
 */
function churnFileEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const withId = (file: Stored | undefined): Stored | undefined =>
    file ? { ...file, id: file.customerId } : undefined;
  const before = withId(change.before);
  const after = withId(change.after);
  if (!after) return [];
  const wasAtRisk = before !== undefined && before.state !== 'active' && before.valuable === true;
  const atRisk = after.state !== 'active' && after.valuable === true;
  const type =
    atRisk && !wasAtRisk
      ? 'churn.risk.raised'
      : wasAtRisk && after.state === 'active'
        ? 'churn.risk.cleared'
        : undefined;
  if (!type) return [];
  const data = payloadOf(type, after, 'after', report);
  return data ? [eventOf(type, change, data)] : [];
}

/** A receivable is marked `overdueAt` once, when credit control first finds it overdue. */
function receivableEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const { before, after } = change;
  if (!after?.overdueAt || before?.overdueAt) return [];
  const data = payloadOf('invoice.overdue', after, 'after', report);
  return data ? [eventOf('invoice.overdue', change, data)] : [];
}

/**
 * A complaint's changes, one event each: recorded (insert), closed (the step became `closed` or
 * `rejected`),
 * transitioned (any other step change), followed up (the call after closing was recorded), overdue
 * (an escalation was raised without a step change).
 */
function complaintEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const { before, after } = change;
  if (!after) return [];
  if (!before) {
    const data = payloadOf('complaint.recorded', after, 'after', report);
    return data ? [eventOf('complaint.recorded', change, data)] : [];
  }
  if (before.step !== after.step) {
    const closed = after.step === 'closed' || after.step === 'rejected';
    const type = closed ? 'complaint.closed' : 'complaint.transitioned';
    const previousData = payloadOf(type, before, 'before', report);
    const data = payloadOf(type, after, 'after', report);
    if (!previousData || !data) return [];
    return [eventOf(type, change, data, changesBetween(type, previousData, data))];
  }
  const followUpOf = (record: Record<string, unknown>) =>
    (record.followUp as { status?: string } | null | undefined)?.status;
  if (followUpOf(before) === 'scheduled' && followUpOf(after) === 'done') {
    const previousData = payloadOf('complaint.followed_up', before, 'before', report);
    const data = payloadOf('complaint.followed_up', after, 'after', report);
    if (!previousData || !data) return [];
    return [
      eventOf(
        'complaint.followed_up',
        change,
        data,
        changesBetween('complaint.followed_up', previousData, data),
      ),
    ];
  }
  const escalated =
    Array.isArray(after.escalations) &&
    Array.isArray(before.escalations) &&
    after.escalations.length > before.escalations.length;
  if (escalated) {
    const data = payloadOf('complaint.overdue', after, 'after', report);
    return data ? [eventOf('complaint.overdue', change, data)] : [];
  }
  return [];
}

const SERVICE_STATUS_EVENTS = {
  dispatched: 'service.dispatched',
  resolved: 'service.completed',
  followed_up: 'service.followed_up',
} as const;

/**
 * A service request's changes: requested (insert), the three steps the outside cares about
 * (dispatched, completed (resolved), followed up) and the nightly pass's escalation of a late
 * status (overdue). Planning, starting, visits and cancelling are no event.
 */
function serviceRequestEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const { before, after } = change;
  if (!after) return [];
  if (!before) {
    const data = payloadOf('service.requested', after, 'after', report);
    return data ? [eventOf('service.requested', change, data)] : [];
  }
  if (before.status === after.status || typeof after.status !== 'string') {
    const escalated =
      Array.isArray(after.escalations) &&
      after.escalations.length > (Array.isArray(before.escalations) ? before.escalations.length : 0);
    if (!escalated) return [];
    const data = payloadOf('service.overdue', after, 'after', report);
    return data ? [eventOf('service.overdue', change, data)] : [];
  }
  if (!Object.hasOwn(SERVICE_STATUS_EVENTS, after.status)) return [];
  const type = SERVICE_STATUS_EVENTS[after.status as keyof typeof SERVICE_STATUS_EVENTS];
  const previousData = payloadOf(type, before, 'before', report);
  const data = payloadOf(type, after, 'after', report);
  if (!previousData || !data) return [];
  return [eventOf(type, change, data, changesBetween(type, previousData, data))];
}

/** A survey invitation is announced when sent and when answered (once: the answer is final). */
function surveyInvitationEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const { before, after } = change;
  if (!after) return [];
  if (!before) {
    const data = payloadOf('survey.sent', after, 'after', report);
    return data ? [eventOf('survey.sent', change, data)] : [];
  }
  if (after.answeredAt && !before.answeredAt) {
    const data = payloadOf('survey.answered', after, 'after', report);
    return data ? [eventOf('survey.answered', change, data)] : [];
  }
  return [];
}

/** A task is announced when created and when done (snoozes and reassignments are no event). */
function taskEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const { before, after } = change;
  if (!after) return [];
  if (!before) {
    const data = payloadOf('task.created', after, 'after', report);
    return data ? [eventOf('task.created', change, data)] : [];
  }
  if (after.status === 'done' && before.status !== 'done') {
    const data = payloadOf('task.completed', after, 'after', report);
    return data ? [eventOf('task.completed', change, data)] : [];
  }
  return [];
}

/** A lead is announced when recorded and when converted (edits and disqualifying are no event). */
function leadEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const { before, after } = change;
  if (!after) return [];
  if (!before) {
    const data = payloadOf('lead.created', after, 'after', report);
    return data ? [eventOf('lead.created', change, data)] : [];
  }
  if (after.status === 'converted' && before.status !== 'converted') {
    const data = payloadOf('lead.converted', after, 'after', report);
    return data ? [eventOf('lead.converted', change, data)] : [];
  }
  return [];
}

/** A deal is announced when it changes stage, and when it is won or lost (closing is never a move). */
function opportunityEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const { before, after } = change;
  if (!after || !before) return [];
  if (before.status === 'open' && (after.status === 'won' || after.status === 'lost')) {
    const type = after.status === 'won' ? 'opportunity.won' : 'opportunity.lost';
    const data = payloadOf(type, after, 'after', report);
    return data ? [eventOf(type, change, data)] : [];
  }
  if (after.status === 'open' && before.stage !== after.stage) {
    const previousData = payloadOf('opportunity.stage_changed', before, 'before', report);
    const data = payloadOf('opportunity.stage_changed', after, 'after', report);
    if (!previousData || !data) return [];
    return [
      eventOf(
        'opportunity.stage_changed',
        change,
        data,
        changesBetween('opportunity.stage_changed', previousData, data),
      ),
    ];
  }
  return [];
}

/** A tier change is recorded once per upgrade: its creation is the event. */
function memberTierChangeEvents(change: EntityChange, report: Report): CatalogEvent[] {
  if (change.before || !change.after) return [];
  const data = payloadOf('member.tier_changed', change.after, 'after', report);
  return data ? [eventOf('member.tier_changed', change, data)] : [];
}

/** A quote is announced once, when it turns accepted (drafts, edits, sending and rejection are no event). */
function quoteEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const { before, after } = change;
  if (!after || !before || after.status !== 'accepted' || before.status === 'accepted') return [];
  const data = payloadOf('quote.accepted', after, 'after', report);
  return data ? [eventOf('quote.accepted', change, data)] : [];
}

/** An endpoint the system (not an admin) turned off: a 410, or five days of failures. */
function webhookEndpointEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const { before, after } = change;
  if (!after || before?.enabled === false) return [];
  if (after.enabled !== false) return [];
  if (after.disabledReason !== 'gone' && after.disabledReason !== 'failing') return [];
  const data = payloadOf('webhook.endpoint.disabled', after, 'after', report);
  return data ? [eventOf('webhook.endpoint.disabled', change, data)] : [];
}

/**
 * Runs are written `running` (or `stopped` by the depth limit, never announced), saved after each
 * step, `waiting` across waits, and finally `completed` or `failed`: only that last move is an event.
 */
function workflowRunEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const status = reachedTerminal(change, TERMINAL_WORKFLOW_RUN);
  if (!status) return [];
  const type = TERMINAL_WORKFLOW_RUN[status];
  const data = payloadOf(type, change.after, 'after', report);
  return data ? [eventOf(type, change, data)] : [];
}

/** A campaign is announced once, when its send has gone through the whole segment. */
function campaignEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const { before, after } = change;
  if (after?.status !== 'sent' || before?.status === 'sent') return [];
  const data = payloadOf('campaign.sent', after, 'after', report);
  return data ? [eventOf('campaign.sent', change, data)] : [];
}

/**
 * Every write of a share is a grant (a new share, or an admin replacing what it grants); its
 * removal is a revocation. Shares stored before ids existed are read as they read today.
 */
function shareEvents(change: EntityChange, report: Report): CatalogEvent[] {
  const { before, after } = change;
  if (after) {
    const data = payloadOf('share.granted', normaliseStoredShare(after), 'after', report);
    return data ? [eventOf('share.granted', change, data)] : [];
  }
  if (!before) return [];
  const data = payloadOf('share.revoked', normaliseStoredShare(before), 'before', report);
  return data ? [eventOf('share.revoked', change, data)] : [];
}

function normaliseStoredShare(stored: Stored): Stored {
  return {
    ...stored,
    id: stored.id ?? `${String(stored.partnerId)}:${String(stored.customerId)}`,
    grantee: stored.grantee ?? 'user',
    access: stored.access ?? 'read',
    validUntil: stored.validUntil ?? null,
  };
}

// Keyed by every catalogued entity type, so a new one cannot be catalogued without its mapping.
const eventsByEntityType: Readonly<Record<string, (change: EntityChange, report: Report) => CatalogEvent[]>> =
  {
    customer: customerEvents,
    contact: contactEvents,
    interaction: interactionEvents,
    importJob: importEvents,
    tenantExport: tenantExportEvents,
    modelFit: refitEvents,
    creditFile: creditFileEvents,
    churnFile: churnFileEvents,
    receivable: receivableEvents,
    complaint: complaintEvents,
    serviceRequest: serviceRequestEvents,
    surveyInvitation: surveyInvitationEvents,
    task: taskEvents,
    lead: leadEvents,
    opportunity: opportunityEvents,
    quote: quoteEvents,
    memberTierChange: memberTierChangeEvents,
    webhookEndpoint: webhookEndpointEvents,
    workflowRun: workflowRunEvents,
    campaign: campaignEvents,
    share: shareEvents,
  } satisfies Record<CatalogEntityType, unknown>;

/**
 * What a stored change means in the event catalog: zero or more events (two at most: a credit
 * file can be held and regraded at once), each with the change's eventId as its id. Entity types outside the catalog, writes that
 * change nothing the catalog names (a recount of figures, a re-imported interaction, an import's
 * progress) and records that do not match their schema give none. Pure and total: it never
 * throws, whatever the record holds.
 *
 * @example
 * toCatalogEvents({ ...change, entityType: 'customer', before: live, after: { ...live, archivedAt } })
 * // [{ type: 'customer.archived', changedFields: ['archivedAt'], previous: {}, data: { … }, … }]
 */
export function toCatalogEvents(change: EntityChange, options: ToCatalogEventsOptions = {}): CatalogEvent[] {
  const map = Object.hasOwn(eventsByEntityType, change.entityType)
    ? eventsByEntityType[change.entityType]
    : undefined;
  if (!map) return [];
  const normalised: EntityChange = { ...change };
  // An image that is not a record is treated as absent, as the stream never sends one.
  if (!isStored(change.before)) delete normalised.before;
  if (!isStored(change.after)) delete normalised.after;
  const report: Report = (invalid) => options.onInvalidRecord?.({ change, ...invalid });
  return map(normalised, report);
}
