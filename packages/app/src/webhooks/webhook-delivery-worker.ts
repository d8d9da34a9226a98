import {
  nextAttemptDelayMs,
  parseRetryAfter,
  SYSTEM_ACTOR,
  verdictOf,
  WEBHOOK_FAILING_DISABLE_MS,
  type WebhookAttempt,
  type WebhookAttemptReason,
  type WebhookDisableReason,
  type WebhookEndpoint,
} from '@crm/domain';
import { type StoredWebhookDelivery, type TenantClientFactory, WebhookRepository } from '@crm/dynamodb';
import pLimit from 'p-limit';
import type { DeliveryRef, WebhookScheduler } from './webhook-scheduler.js';
import { nodeWebhookSender, type WebhookSender, WebhookTimeoutError } from './webhook-sender.js';
import { signedHeaders } from './webhook-signing.js';
import { BlockedTargetError, checkWebhookTarget, type WebhookTargetPolicy } from './webhook-target.js';

/** A receiver gets this long to answer. */
export const WEBHOOK_TIMEOUT_MS = 15_000;
/** A claimed delivery is not attempted by another worker for this long (beyond the timeout). */
const CLAIM_MS = WEBHOOK_TIMEOUT_MS + 15_000;
const MAX_ERROR_LENGTH = 500;
/** Endpoints attempted at once by one worker: sockets, not CPU, are what they wait on. */
const LANES = 16;
/** Deliveries of one endpoint per pass: a failing endpoint's backlog leaves room for the others. */
const PER_ENDPOINT = 10;

/** Where a delivery stands after `attempt`. */
export type AttemptResult = 'delivered' | 'retry' | 'failed' | 'skipped' | 'not-due';

export type WebhookDeliveryWorkerDeps = {
  tenantClient: TenantClientFactory;
  clock: () => Date;
  policy: WebhookTargetPolicy;
  scheduler: WebhookScheduler;
  /** @default node's http client (webhook-sender.ts) */
  send?: WebhookSender;
  /**
   * Multiplies every wait of the schedule (never the timeout, nor the 5-day failing limit, which
   * measures the endpoint in wall-clock time): tests and the accelerated local clock run three
   * days of retries in seconds, and an endpoint down throughout is disabled when its message runs
   * out of attempts. @default 1
   */
  timeScale?: number;
  /** @default Math.random (the schedule's jitter) */
  random?: () => number;
};

/**
 * Attempts deliveries: claims one, signs its body with the endpoint's secrets, checks the address
 * again and sends to exactly that address, logs the attempt, and either finishes it, schedules the
 * next attempt on the Standard Webhooks schedule or gives up. A 410 disables the endpoint at once;
 * an endpoint failing for 5 days, or whose message failed through the whole schedule with no
 * success since, is disabled too (the `webhook.endpoint.disabled` event tells the admins).
 */
export class WebhookDeliveryWorker {
  private readonly deps: WebhookDeliveryWorkerDeps;
  private readonly send: WebhookSender;
  private readonly timeScale: number;
  /** Endpoints (`tenant|endpoint`) with a lane still attempting, in this process. */
  private readonly openLanes = new Set<string>();
  private readonly laneLimit = pLimit(LANES);

  constructor(deps: WebhookDeliveryWorkerDeps) {
    this.deps = deps;
    this.send = deps.send ?? nodeWebhookSender;
    this.timeScale = deps.timeScale ?? 1;
  }

  private repository(tenantId: string) {
    return new WebhookRepository(this.deps.tenantClient(tenantId), tenantId);
  }

  /**
   * Attempts the tenant's due deliveries; how many were due. Each endpoint is a lane of its own,
   * attempted in order, and the lanes run side by side (at most `LANES` at once): an endpoint that
   * hangs holds its own lane up to the timeout, never the others' deliveries. A lane stops at its
   * first attempt that does not get through, leaving the endpoint's other deliveries due for the
   * next pass (one probe a pass, not a timeout for each of them), and an endpoint whose lane is
   * still open from an earlier pass of this worker is left to it. The list takes at most
   * `PER_ENDPOINT` of one endpoint, so a backlog to a receiver that is down never crowds out the
   * deliveries to the ones that are up.
   */
  async deliverDue({ tenantId, limit = 50 }: { tenantId: string; limit?: number }): Promise<number> {
    const laneOf = (endpointId: string) => `${tenantId}|${endpointId}`;
    const due = await this.repository(tenantId).dueDeliveries(this.deps.clock().toISOString(), limit, {
      perEndpoint: PER_ENDPOINT,
      skip: (endpointId) => this.openLanes.has(laneOf(endpointId)),
    });
    const lanes = new Map<string, typeof due>();
    for (const ref of due) {
      const key = laneOf(ref.endpointId);
      lanes.set(key, [...(lanes.get(key) ?? []), ref]);
    }
    await Promise.all(
      [...lanes].map(([key, refs]) => {
        this.openLanes.add(key);
        return this.laneLimit(async () => {
          try {
            for (const ref of refs) {
              const result = await this.attempt({ tenantId, ...ref });
              if (result === 'retry' || result === 'failed') break;
            }
          } finally {
            this.openLanes.delete(key);
          }
        });
      }),
    );
    return due.length;
  }

  /** One attempt of one delivery, if it is pending and due and nobody else holds it. */
  async attempt(ref: DeliveryRef): Promise<AttemptResult> {
    const repository = this.repository(ref.tenantId);
    const delivery = await repository.getDelivery(ref.endpointId, ref.messageId);
    if (delivery?.status !== 'pending') return 'skipped';
    const now = this.deps.clock();
    if (delivery.nextAttemptAt && Date.parse(delivery.nextAttemptAt) > now.getTime()) return 'not-due';
    const claimed: StoredWebhookDelivery = {
      ...delivery,
      nextAttemptAt: new Date(now.getTime() + CLAIM_MS).toISOString(),
      revision: delivery.revision + 1,
    };
    if (!(await repository.saveDelivery(claimed, delivery.revision))) return 'skipped';

    const endpoint = await repository.getEndpoint(ref.endpointId);
    if (!endpoint?.enabled) {
      const error = endpoint ? 'the endpoint is disabled' : 'the endpoint was deleted';
      await this.record(repository, claimed, {
        at: now.toISOString(),
        latencyMs: 0,
        outcome: 'failed',
        error,
        reason: endpoint ? 'endpoint_disabled' : 'endpoint_deleted',
      });
      return 'failed';
    }

    const began = performance.now();
    let status: number | undefined;
    let retryAfter: string | undefined;
    let excerpt: string | undefined;
    let error: string | undefined;
    let reason: WebhookAttemptReason | undefined;
    try {
      const target = await checkWebhookTarget(endpoint.url, this.deps.policy);
      const secrets = (await repository.getSecrets(endpoint.id))
        .filter((secret) => !secret.expiresAt || Date.parse(secret.expiresAt) > now.getTime())
        .map((secret) => secret.secret);
      const headers = signedHeaders({ messageId: delivery.id, timestamp: now, body: delivery.body, secrets });
      const response = await this.send({
        target,
        headers,
        body: delivery.body,
        timeoutMs: WEBHOOK_TIMEOUT_MS,
      });
      status = response.status;
      retryAfter = response.retryAfter;
      excerpt = response.excerpt;
      if (verdictOf(status) === 'retry') error = `the receiver answered ${status}`;
    } catch (caught) {
      reason =
        caught instanceof BlockedTargetError
          ? 'blocked'
          : caught instanceof WebhookTimeoutError
            ? 'timed_out'
            : 'no_response';
      error = `${reason === 'blocked' ? 'blocked' : 'no response'}: ${(caught as Error).message}`;
    }
    const latencyMs = Math.round(performance.now() - began);
    const verdict = verdictOf(status);
    const attempt = (outcome: WebhookAttempt['outcome']): WebhookAttempt => ({
      at: now.toISOString(),
      ...(status !== undefined ? { status } : {}),
      latencyMs,
      outcome,
      ...(excerpt ? { excerpt } : {}),
      ...(error ? { error: error.slice(0, MAX_ERROR_LENGTH) } : {}),
      ...(reason ? { reason } : {}),
    });

    if (verdict === 'delivered') {
      await this.record(repository, claimed, attempt('delivered'));
      if (endpoint.failingSince)
        await this.updateEndpoint(repository, endpoint.id, (current) => {
          const { failingSince: _cleared, ...rest } = current;
          return rest;
        });
      return 'delivered';
    }
    if (verdict === 'disable') {
      await this.record(repository, claimed, attempt('disabled'));
      await this.disable(repository, endpoint.id, 'gone');
      return 'failed';
    }
    const tries = (delivery.tries ?? 0) + 1;
    const delay = nextAttemptDelayMs({
      attemptsMade: tries,
      ...(status !== undefined ? { status } : {}),
      ...(status !== undefined ? { retryAfterMs: parseRetryAfter(retryAfter, now) } : {}),
      ...(this.deps.random ? { random: this.deps.random } : {}),
    });
    const failingSince = endpoint.failingSince ?? now.toISOString();
    if (!endpoint.failingSince) {
      await this.updateEndpoint(repository, endpoint.id, (current) =>
        current.failingSince ? current : { ...current, failingSince },
      );
    }
    const failingTooLong = now.getTime() - Date.parse(failingSince) >= WEBHOOK_FAILING_DISABLE_MS;
    if (delay === undefined || failingTooLong) {
      await this.record(repository, claimed, attempt('failed'));
      // Nothing got through since before this message's first try: the receiver is gone, not busy.
      const runFirstAttempt =
        delivery.attempts[delivery.attempts.length - (delivery.tries ?? 0)]?.at ?? now.toISOString();
      if (failingTooLong || Date.parse(failingSince) <= Date.parse(runFirstAttempt)) {
        await this.disable(repository, endpoint.id, 'failing');
      }
      return 'failed';
    }
    const dueAt = new Date(now.getTime() + delay * this.timeScale);
    await this.record(repository, claimed, attempt('retry'), dueAt);
    await this.deps.scheduler.schedule(ref, dueAt);
    return 'retry';
  }

  /** Logs the attempt on the claimed delivery: pending again until `retryAt`, or finished. */
  private async record(
    repository: WebhookRepository,
    claimed: StoredWebhookDelivery,
    attempt: WebhookAttempt,
    retryAt?: Date,
  ): Promise<void> {
    const { nextAttemptAt: _claim, ...rest } = claimed;
    const next: StoredWebhookDelivery = {
      ...rest,
      attempts: [...claimed.attempts, attempt],
      tries: (claimed.tries ?? 0) + 1,
      status: retryAt ? 'pending' : attempt.outcome === 'delivered' ? 'delivered' : 'failed',
      ...(retryAt ? { nextAttemptAt: retryAt.toISOString() } : {}),
      updatedAt: attempt.at,
      revision: claimed.revision + 1,
    };
    await repository.saveDelivery(next, claimed.revision);
  }

  private async disable(repository: WebhookRepository, endpointId: string, reason: WebhookDisableReason) {
    const at = this.deps.clock().toISOString();
    await this.updateEndpoint(repository, endpointId, (current) =>
      current.enabled ? { ...current, enabled: false, disabledReason: reason, disabledAt: at } : current,
    );
  }

  /** Applies `change` to the endpoint as the system, re-reading on a conflict with an admin's edit. */
  private async updateEndpoint(
    repository: WebhookRepository,
    endpointId: string,
    change: (current: WebhookEndpoint) => WebhookEndpoint,
  ): Promise<void> {
    for (let tries = 0; tries < 3; tries++) {
      const current = await repository.getEndpoint(endpointId);
      if (!current) return;
      const changed = change(current);
      if (changed === current) return;
      try {
        await repository.saveEndpoint(
          {
            ...changed,
            version: current.version + 1,
            updatedAt: this.deps.clock().toISOString(),
            updatedBy: SYSTEM_ACTOR,
          },
          current.version,
        );
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== 'version_conflict') throw error;
      }
    }
  }
}
