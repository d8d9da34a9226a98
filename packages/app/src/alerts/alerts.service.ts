import { createHash } from 'node:crypto';
import {
  type Alert,
  type AlertKind,
  type AlertReason,
  type AlertStatus,
  type AlertType,
  type Customer,
  DomainError,
  deterministicUlid,
} from '@crm/domain';
import { AlertRepository, CustomerRepository, type TenantClientFactory, UserRepository } from '@crm/dynamodb';

type TenantScope = { tenantId: string };
type Actor = { tenantId: string; actorId: string };

export type AlertRaise = {
  type: AlertType;
  kind: AlertKind;
  customerId: string;
  /** The customer as the caller has just read it (its name and owner); read here when absent. */
  customer?: Pick<Customer, 'name' | 'ownerId'>;
  /**
   * The episode the alert is about (when the hold began, when the customer left `active`): the
   * alert's id is derived from the customer, kind and episode, so a redelivered record, a replayed
   * batch or the nightly pass seeing the same episode finds the same alert instead of adding one.
   */
  episode: string;
  /** A complaint's escalation: the complaint (not the customer) names the alert, a customer may have several. */
  complaintId?: string;
  /** A service request's escalation: the request names the alert, as a complaint does. */
  serviceRequestId?: string;
  /**
   * Who the alert goes to when not the customer's owner (a service escalation goes to the
   * technician the request was dispatched to).
   */
  assigneeId?: string;
  reasons: AlertReason[];
  suggestion: string | null;
  /** `system:<reaction>`. */
  by: string;
};

/** Who acts on an alert, and the alert types their role does not see (alertTypesHiddenFrom). */
export type AlertActor = Actor & { hiddenTypes?: readonly AlertType[] };

/** A webhook endpoint the system turned off: a 410, or failures for the whole schedule or 5 days. */
export type WebhookAlertRaise = {
  webhookId: string;
  url: string;
  reason: 'gone' | 'failing';
  /** When it was disabled: the episode (re-enabled and disabled again is a new alert). */
  disabledAt: string;
  by: string;
};

/** Who the nightly pass records when it opens a snoozed alert again. */
export const ALERTS_ACTOR = 'system:alerts';

/** The statuses an alert can leave by each action (a resolved alert is closed for good). */
const LIVE: readonly AlertStatus[] = ['open', 'acknowledged', 'snoozed'];

/**
 * The alerts inbox: alerts raised by the stream reactions and nightly passes, and the owner's
 * actions on them (acknowledge, resolve, snooze, reassign), each recording who and when.
 */
export class AlertService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;

  constructor(deps: { tenantClient: TenantClientFactory; clock: () => Date }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
  }

  private repository(tenantId: string) {
    return new AlertRepository(this.tenantClient(tenantId), tenantId);
  }

  static alertId(input: Pick<AlertRaise, 'kind' | 'customerId' | 'episode'>): string {
    const seed = createHash('sha256')
      .update(`${input.kind}|${input.customerId}|${input.episode}`)
      .digest('hex');
    const time = Date.parse(input.episode);
    return deterministicUlid(Number.isNaN(time) ? 0 : time, seed);
  }

  async list(
    { tenantId }: TenantScope,
    filter: {
      type?: AlertType;
      status?: AlertStatus;
      assigneeId?: string;
      limit: number;
      cursor?: string;
      hiddenTypes?: readonly AlertType[];
    },
  ) {
    if (filter.type !== undefined && filter.hiddenTypes?.includes(filter.type)) {
      return { items: [], nextCursor: null };
    }
    return this.repository(tenantId).list(filter);
  }

  async get({ tenantId }: TenantScope, alertId: string): Promise<Alert> {
    const alert = await this.repository(tenantId).get(alertId);
    if (!alert) throw new DomainError('not_found', 'Alert not found');
    return alert;
  }

  /**
   * Raises the alert once per episode, assigned to the customer's owner; nothing when it exists
   * (whatever its status: an alert someone resolved stays resolved for that episode).
   */
  async raise(tenantId: string, input: AlertRaise): Promise<Alert | undefined> {
    const customer =
      input.customer ??
      (await new CustomerRepository(this.tenantClient(tenantId), tenantId).get({
        customerId: input.customerId,
      }));
    if (!customer) return undefined;
    const at = this.clock().toISOString();
    const alert: Alert = {
      id: AlertService.alertId({
        ...input,
        customerId: input.complaintId ?? input.serviceRequestId ?? input.customerId,
      }),
      type: input.type,
      kind: input.kind,
      customerId: input.customerId,
      customerName: customer.name ?? null,
      ...(input.complaintId ? { complaintId: input.complaintId } : {}),
      ...(input.serviceRequestId ? { serviceRequestId: input.serviceRequestId } : {}),
      status: 'open',
      reasons: input.reasons,
      suggestion: input.suggestion,
      assigneeId: input.assigneeId ?? customer.ownerId ?? null,
      createdAt: at,
      updatedAt: at,
      updatedBy: input.by,
      snoozedUntil: null,
      resolvedAt: null,
    };
    return (await this.repository(tenantId).createIfAbsent(alert)) ? alert : undefined;
  }

  /**
   * Raises the admins' alert for a disabled endpoint, once per disabling; unassigned (any admin
   * may take it), its reason `webhook.gone` or `webhook.failing` with the URL.
   */
  async raiseWebhookDisabled(tenantId: string, input: WebhookAlertRaise): Promise<Alert | undefined> {
    const at = this.clock().toISOString();
    const kind = 'webhook.endpoint.disabled';
    const alert: Alert = {
      // The endpoint stands where a customer would in the id's seed.
      id: AlertService.alertId({ kind, customerId: input.webhookId, episode: input.disabledAt }),
      type: 'webhook',
      kind,
      customerId: null,
      customerName: null,
      webhookId: input.webhookId,
      status: 'open',
      reasons: [{ code: `webhook.${input.reason}`, figures: { url: input.url } }],
      suggestion: 'fix_receiver_then_recover',
      assigneeId: null,
      createdAt: at,
      updatedAt: at,
      updatedBy: input.by,
      snoozedUntil: null,
      resolvedAt: null,
    };
    return (await this.repository(tenantId).createIfAbsent(alert)) ? alert : undefined;
  }

  /** Resolves the endpoint's unresolved alerts (it was re-enabled or deleted). */
  async resolveWebhook(tenantId: string, webhookId: string, by: string): Promise<number> {
    return this.resolveAll(tenantId, await this.repository(tenantId).unresolvedOfWebhook(webhookId), by);
  }

  /** Resolves the complaint's unresolved escalations (it moved on from the late step, or closed). */
  async resolveComplaint(tenantId: string, complaintId: string, by: string): Promise<number> {
    return this.resolveAll(tenantId, await this.repository(tenantId).unresolvedOfComplaint(complaintId), by);
  }

  /** Resolves the service request's unresolved escalations (it moved on from the late status, or closed). */
  async resolveServiceRequest(tenantId: string, serviceRequestId: string, by: string): Promise<number> {
    return this.resolveAll(
      tenantId,
      await this.repository(tenantId).unresolvedOfServiceRequest(serviceRequestId),
      by,
    );
  }

  /** Resolves the customer's unresolved alerts of `type` (the hold was released, the customer bought). */
  async resolveOpen(tenantId: string, customerId: string, type: AlertType, by: string): Promise<number> {
    return this.resolveAll(
      tenantId,
      await this.repository(tenantId).unresolvedOfCustomer(customerId, type),
      by,
    );
  }

  private async resolveAll(tenantId: string, open: readonly Alert[], by: string): Promise<number> {
    const repository = this.repository(tenantId);
    const at = this.clock().toISOString();
    const resolved = await Promise.all(
      open.map((alert) =>
        repository.change(alert.id, { from: LIVE, set: { status: 'resolved', resolvedAt: at }, at, by }),
      ),
    );
    return resolved.filter(Boolean).length;
  }

  async acknowledge(actor: AlertActor, alertId: string): Promise<Alert> {
    return this.act(actor, alertId, ['open', 'snoozed'], { status: 'acknowledged', snoozedUntil: null });
  }

  async resolve(actor: AlertActor, alertId: string): Promise<Alert> {
    return this.act(actor, alertId, LIVE, {
      status: 'resolved',
      snoozedUntil: null,
      resolvedAt: this.clock().toISOString(),
    });
  }

  async snooze(actor: AlertActor, alertId: string, until: string): Promise<Alert> {
    if (Date.parse(until) <= this.clock().getTime()) {
      throw new DomainError('validation_failed', 'A snooze must end in the future', {
        fields: [{ path: 'until', message: 'must be in the future' }],
      });
    }
    return this.act(actor, alertId, LIVE, { status: 'snoozed', snoozedUntil: new Date(until).toISOString() });
  }

  /**
   * Opens again the snoozed alerts whose snooze has ended (the nightly pass), as `system:alerts`;
   * an alert someone acted on meanwhile is left as they left it. Answers how many woke.
   */
  async wakeSnoozed(tenantId: string): Promise<number> {
    const repository = this.repository(tenantId);
    const at = this.clock().toISOString();
    const due = await repository.snoozedUntilBefore(at);
    const woken = await Promise.all(
      due.map((alert) =>
        repository.change(alert.id, {
          from: ['snoozed'],
          set: { status: 'open', snoozedUntil: null },
          at,
          by: ALERTS_ACTOR,
        }),
      ),
    );
    return woken.filter(Boolean).length;
  }

  async assign(actor: AlertActor, alertId: string, assigneeId: string): Promise<Alert> {
    // Another tenant's alert id is not found, whoever the assignee named.
    await this.get(actor, alertId);
    const user = await new UserRepository(this.tenantClient(actor.tenantId)).get({
      tenantId: actor.tenantId,
      userId: assigneeId,
    });
    if (user?.status !== 'active') {
      throw new DomainError('validation_failed', 'No active user of this tenant has that id', {
        fields: [{ path: 'assigneeId', message: 'must be an active user of this tenant' }],
      });
    }
    return this.act(actor, alertId, LIVE, { assigneeId });
  }

  private async act(
    { tenantId, actorId, hiddenTypes }: AlertActor,
    alertId: string,
    from: readonly AlertStatus[],
    set: Partial<Pick<Alert, 'status' | 'assigneeId' | 'snoozedUntil' | 'resolvedAt'>>,
  ): Promise<Alert> {
    const repository = this.repository(tenantId);
    if (hiddenTypes?.length) {
      // What the caller may not see, they may not change: the same 404 as an unknown id.
      const alert = await repository.get(alertId);
      if (!alert || hiddenTypes.includes(alert.type)) throw new DomainError('not_found', 'Alert not found');
    }
    const changed = await repository.change(alertId, {
      from,
      set,
      at: this.clock().toISOString(),
      by: actorId,
    });
    if (changed) return changed;
    const current = await repository.get(alertId);
    if (!current) throw new DomainError('not_found', 'Alert not found');
    throw new DomainError('invalid_state', `The alert is ${current.status}`, { details: { alert: current } });
  }
}
