import {
  DomainError,
  newId,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEndpointCreate,
  WebhookEndpointCreateSchema,
  type WebhookEndpointPatch,
} from '@crm/domain';
import { type StoredWebhookDelivery, type TenantClientFactory, WebhookRepository } from '@crm/dynamodb';
import type { WebhookScheduler } from './webhook-scheduler.js';
import { newWebhookSecret } from './webhook-signing.js';
import { assertWebhookTarget, type WebhookTargetPolicy } from './webhook-target.js';

type Actor = { tenantId: string; actorId: string };

const notFound = () => new DomainError('not_found', 'No such webhook endpoint');

/** What the delivery log shows of a stored delivery (the body and bookkeeping stay inside). */
export function deliveryView(stored: StoredWebhookDelivery): WebhookDelivery {
  return {
    id: stored.id,
    endpointId: stored.endpointId,
    eventType: stored.eventType,
    status: stored.status,
    attempts: stored.attempts,
    ...(stored.nextAttemptAt && stored.status === 'pending' ? { nextAttemptAt: stored.nextAttemptAt } : {}),
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}

/** A delivery ready for its first attempt now. */
export function newDelivery(options: {
  messageId: string;
  endpointId: string;
  eventType: string;
  body: string;
  now: string;
}): StoredWebhookDelivery {
  return {
    id: options.messageId,
    endpointId: options.endpointId,
    eventType: options.eventType,
    status: 'pending',
    attempts: [],
    nextAttemptAt: options.now,
    createdAt: options.now,
    updatedAt: options.now,
    body: options.body,
    revision: 0,
    tries: 0,
    runStartedAt: options.now,
  };
}

/**
 * Webhook endpoints (admins only, checked at the edge): create with a secret shown once, edit
 * (optimistic versions), rotate the secret with an overlap, the delivery log, resend one delivery,
 * recover every failed one since a time, and a signed test ping.
 */
export class WebhookService {
  private readonly deps: {
    tenantClient: TenantClientFactory;
    clock: () => Date;
    policy: WebhookTargetPolicy;
    scheduler: WebhookScheduler;
  };

  constructor(deps: WebhookService['deps']) {
    this.deps = deps;
  }

  private repository(tenantId: string) {
    return new WebhookRepository(this.deps.tenantClient(tenantId), tenantId);
  }

  private async endpoint(repository: WebhookRepository, endpointId: string): Promise<WebhookEndpoint> {
    const endpoint = await repository.getEndpoint(endpointId);
    if (!endpoint) throw notFound();
    return endpoint;
  }

  async create(actor: Actor, input: WebhookEndpointCreate): Promise<WebhookEndpoint & { secret: string }> {
    const parsed = WebhookEndpointCreateSchema.parse(input);
    const enabled = parsed.enabled ?? true;
    await assertWebhookTarget(parsed.url, this.deps.policy);
    const now = this.deps.clock().toISOString();
    const endpoint: WebhookEndpoint = {
      id: newId(),
      url: parsed.url,
      events: [...new Set(parsed.events)],
      ...(parsed.filter ? { filter: parsed.filter } : {}),
      ...(parsed.description ? { description: parsed.description } : {}),
      enabled,
      ...(enabled ? {} : { disabledReason: 'admin' as const, disabledAt: now }),
      createdAt: now,
      updatedAt: now,
      createdBy: actor.actorId,
      updatedBy: actor.actorId,
      version: 1,
    };
    const secret = newWebhookSecret();
    await this.repository(actor.tenantId).createEndpoint(endpoint, [{ secret }]);
    return { ...endpoint, secret };
  }

  async list({ tenantId }: { tenantId: string }): Promise<WebhookEndpoint[]> {
    const endpoints = await this.repository(tenantId).listEndpoints();
    return endpoints.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async get({ tenantId, endpointId }: { tenantId: string; endpointId: string }): Promise<WebhookEndpoint> {
    return this.endpoint(this.repository(tenantId), endpointId);
  }

  async update(
    actor: Actor & { endpointId: string },
    patch: WebhookEndpointPatch,
    expectedVersion: number,
  ): Promise<WebhookEndpoint> {
    const repository = this.repository(actor.tenantId);
    const current = await this.endpoint(repository, actor.endpointId);
    if (current.version !== expectedVersion) {
      throw new DomainError(
        'version_conflict',
        'The webhook endpoint was changed by someone else; reload it',
      );
    }
    if (patch.url !== undefined) await assertWebhookTarget(patch.url, this.deps.policy);
    const now = this.deps.clock().toISOString();
    const {
      filter: _filter,
      disabledReason: _reason,
      disabledAt: _at,
      failingSince: _since,
      ...rest
    } = current;
    const filter = patch.filter === null ? undefined : (patch.filter ?? current.filter);
    const enabled = patch.enabled ?? current.enabled;
    const next: WebhookEndpoint = {
      ...rest,
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.events !== undefined ? { events: [...new Set(patch.events)] } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(filter ? { filter } : {}),
      enabled,
      // Re-enabling starts afresh; disabling by hand records that an admin did it.
      ...(enabled
        ? current.enabled && current.failingSince
          ? { failingSince: current.failingSince }
          : {}
        : current.enabled
          ? { disabledReason: 'admin' as const, disabledAt: now }
          : {
              ...(current.disabledReason ? { disabledReason: current.disabledReason } : {}),
              ...(current.disabledAt ? { disabledAt: current.disabledAt } : {}),
            }),
      updatedAt: now,
      updatedBy: actor.actorId,
      version: current.version + 1,
    };
    await repository.saveEndpoint(next, current.version);
    return next;
  }

  async remove({ tenantId, endpointId }: { tenantId: string; endpointId: string }): Promise<void> {
    const repository = this.repository(tenantId);
    await this.endpoint(repository, endpointId);
    await repository.deleteEndpoint(endpointId);
  }

  /**
   * A new secret, shown once. The previous one stays valid for `overlapHours` (deliveries carry
   * both signatures meanwhile) so receivers can switch without losing a message.
   */
  async rotateSecret(
    actor: Actor & { endpointId: string },
    overlapHours: number,
  ): Promise<{ secret: string; previousSecretExpiresAt: string; endpoint: WebhookEndpoint }> {
    const repository = this.repository(actor.tenantId);
    const current = await this.endpoint(repository, actor.endpointId);
    const now = this.deps.clock();
    const expiresAt = new Date(now.getTime() + overlapHours * 3_600_000).toISOString();
    const secrets = await repository.getSecrets(actor.endpointId);
    const active = secrets.find((secret) => !secret.expiresAt);
    const secret = newWebhookSecret();
    await repository.saveSecrets(actor.endpointId, [
      { secret },
      ...(active ? [{ secret: active.secret, expiresAt }] : []),
    ]);
    const endpoint: WebhookEndpoint = {
      ...current,
      secretRotatedAt: now.toISOString(),
      previousSecretExpiresAt: expiresAt,
      updatedAt: now.toISOString(),
      updatedBy: actor.actorId,
      version: current.version + 1,
    };
    await repository.saveEndpoint(endpoint, current.version);
    return { secret, previousSecretExpiresAt: expiresAt, endpoint };
  }

  /** The endpoint's deliveries, newest first, each with every attempt. */
  async deliveries(
    { tenantId, endpointId }: { tenantId: string; endpointId: string },
    options: { limit: number; cursor?: string },
  ): Promise<{ items: WebhookDelivery[]; nextCursor: string | null }> {
    const repository = this.repository(tenantId);
    await this.endpoint(repository, endpointId);
    const page = await repository.deliveryPage(endpointId, options);
    return { items: page.deliveries.map(deliveryView), nextCursor: page.nextCursor };
  }

  /** Sends one delivery again, with the same id and body, on a fresh run of the schedule. */
  async resend({
    tenantId,
    endpointId,
    messageId,
  }: {
    tenantId: string;
    endpointId: string;
    messageId: string;
  }): Promise<WebhookDelivery> {
    const repository = this.repository(tenantId);
    const endpoint = await this.endpoint(repository, endpointId);
    if (!endpoint.enabled)
      throw new DomainError('invalid_state', 'Enable the endpoint before resending to it');
    const delivery = await repository.getDelivery(endpointId, messageId);
    if (!delivery) throw new DomainError('not_found', 'No such delivery');
    const restarted = await this.restart(repository, delivery, { tenantId });
    if (!restarted) throw new DomainError('version_conflict', 'The delivery is being attempted; try again');
    return deliveryView(restarted);
  }

  /** Resends every failed delivery created at or after `since`; how many were queued. */
  async recover({
    tenantId,
    endpointId,
    since,
  }: {
    tenantId: string;
    endpointId: string;
    since: string;
  }): Promise<{ queued: number }> {
    const repository = this.repository(tenantId);
    const endpoint = await this.endpoint(repository, endpointId);
    if (!endpoint.enabled)
      throw new DomainError('invalid_state', 'Enable the endpoint before recovering to it');
    let queued = 0;
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await repository.listDeliveries(endpointId, {
        limit: 100,
        since,
        ...(cursor ? { cursor } : {}),
      });
      for (const delivery of page.deliveries) {
        if (delivery.status === 'failed' && (await this.restart(repository, delivery, { tenantId })))
          queued++;
      }
      cursor = page.next;
    } while (cursor);
    return { queued };
  }

  /** A signed `webhook.ping` to the endpoint now, logged like any delivery. */
  async ping({ tenantId, endpointId }: { tenantId: string; endpointId: string }): Promise<WebhookDelivery> {
    const repository = this.repository(tenantId);
    const endpoint = await this.endpoint(repository, endpointId);
    if (!endpoint.enabled) throw new DomainError('invalid_state', 'Enable the endpoint before testing it');
    const now = this.deps.clock().toISOString();
    const messageId = `ping_${newId()}`;
    const delivery = newDelivery({
      messageId,
      endpointId,
      eventType: 'webhook.ping',
      body: JSON.stringify({ type: 'webhook.ping', timestamp: now, data: { endpointId } }),
      now,
    });
    await repository.addDelivery(delivery);
    await this.deps.scheduler.schedule({ tenantId, endpointId, messageId }, new Date(now));
    return deliveryView(delivery);
  }

  private async restart(
    repository: WebhookRepository,
    delivery: StoredWebhookDelivery,
    { tenantId }: { tenantId: string },
  ): Promise<StoredWebhookDelivery | undefined> {
    const now = this.deps.clock().toISOString();
    const next: StoredWebhookDelivery = {
      ...delivery,
      status: 'pending',
      nextAttemptAt: now,
      tries: 0,
      runStartedAt: now,
      updatedAt: now,
      revision: delivery.revision + 1,
    };
    if (!(await repository.saveDelivery(next, delivery.revision))) return undefined;
    await this.deps.scheduler.schedule(
      { tenantId, endpointId: delivery.endpointId, messageId: delivery.id },
      new Date(now),
    );
    return next;
  }
}
