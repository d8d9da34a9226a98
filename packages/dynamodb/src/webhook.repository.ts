import type { WebhookDelivery, WebhookEndpoint } from '@crm/domain';
import { DomainError } from '@crm/domain';
import { conditionHeld } from './condition-failure.js';
import type { TableClient } from './document-client.js';
import { epochSeconds, fromItem, toItem } from './item-codec.js';
import { cursorSortKeyPatterns, keys, platformKeys } from './keys.js';
import { PlatformTable } from './platform-table.js';
import { TenantTable } from './tenant-table.js';

type Item = Record<string, unknown>;

/** A signing secret, and until when it stays valid (the current one has no end). */
export type StoredWebhookSecret = { secret: string; expiresAt?: string };

/** A delivery as stored: what the log shows, plus the exact body every attempt sends. */
export type StoredWebhookDelivery = WebhookDelivery & {
  /** The JSON body, fixed at fan-out so every attempt signs and sends the same bytes. */
  body: string;
  /** Bumped by every claim and result, so two workers never record the same attempt. */
  revision: number;
  /** Attempts in the current run of the schedule (a resend starts a new run at 0). */
  tries: number;
  /** When the current run began: its creation, or the last resend. */
  runStartedAt?: string;
};

/** Deliveries are kept for 30 days after they were created (the log's horizon). */
const DELIVERY_RETENTION_MS = 30 * 86_400_000;

/**
 * Webhook endpoints (one partition each: the endpoint, its secrets, its deliveries), the
 * endpoint list (gsi1), each endpoint's delivery log (gsi1, by creation time) and the tenant's
 * pending deliveries by due time (gsi2, only while pending).
 */
/** Keys read per page of the due list, and pages at most per call. */
const DUE_PAGE_SIZE = 100;
const MAX_DUE_PAGES = 10;

export class WebhookRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  private endpointItem(endpoint: WebhookEndpoint): Item {
    return toItem(
      'webhookEndpoint',
      {
        ...keys.webhookEndpoint(this.tenantId, endpoint.id),
        ...keys.webhookEndpointsIndex(this.tenantId, endpoint.id),
      },
      endpoint,
    );
  }

  private secretsItem(endpointId: string, secrets: StoredWebhookSecret[]): Item {
    return toItem('webhookSecrets', keys.webhookSecrets(this.tenantId, endpointId), { secrets });
  }

  private deliveryItem(delivery: StoredWebhookDelivery): Item {
    return toItem(
      'webhookDelivery',
      {
        ...keys.webhookDelivery(this.tenantId, delivery.endpointId, delivery.id),
        ...keys.webhookLogIndex(this.tenantId, delivery.endpointId, delivery.createdAt, delivery.id),
        ...(delivery.status === 'pending' && delivery.nextAttemptAt
          ? keys.webhookDueIndex(this.tenantId, delivery.nextAttemptAt, delivery.endpointId, delivery.id)
          : {}),
      },
      delivery,
      { expiresAt: epochSeconds(new Date(Date.parse(delivery.createdAt) + DELIVERY_RETENTION_MS)) },
    );
  }

  async createEndpoint(endpoint: WebhookEndpoint, secrets: StoredWebhookSecret[]): Promise<void> {
    await this.table.transactWrite([
      {
        Put: {
          TableName: '',
          Item: this.endpointItem(endpoint),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: '', Item: this.secretsItem(endpoint.id, secrets) } },
    ]);
  }

  async getEndpoint(endpointId: string): Promise<WebhookEndpoint | undefined> {
    const item = await this.table.get(keys.webhookEndpoint(this.tenantId, endpointId));
    return item ? fromItem<WebhookEndpoint>(item) : undefined;
  }

  /** Every endpoint of the tenant (a tenant has a handful; the index is eventually consistent). */
  async listEndpoints(): Promise<WebhookEndpoint[]> {
    const items = await this.table.queryAll({
      IndexName: 'gsi1',
      partitionValue: keys.webhookEndpointsPartition(this.tenantId),
    });
    return items.map((item) => fromItem<WebhookEndpoint>(item));
  }

  /** Saves `next` if the stored endpoint is still at `expectedVersion`; a conflict otherwise. */
  async saveEndpoint(next: WebhookEndpoint, expectedVersion: number): Promise<void> {
    const saved = await conditionHeld(
      this.table.put(this.endpointItem(next), {
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      }),
    );
    if (!saved) {
      throw new DomainError(
        'version_conflict',
        'The webhook endpoint was changed by someone else; reload it',
      );
    }
  }

  async saveSecrets(endpointId: string, secrets: StoredWebhookSecret[]): Promise<void> {
    await this.table.put(this.secretsItem(endpointId, secrets));
  }

  async getSecrets(endpointId: string): Promise<StoredWebhookSecret[]> {
    const item = await this.table.get(keys.webhookSecrets(this.tenantId, endpointId));
    return (item?.secrets as StoredWebhookSecret[] | undefined) ?? [];
  }

  /** Removes the endpoint and its secrets; its deliveries expire with the log. */
  async deleteEndpoint(endpointId: string): Promise<void> {
    await this.table.transactWrite([
      { Delete: { TableName: '', Key: keys.webhookEndpoint(this.tenantId, endpointId) } },
      { Delete: { TableName: '', Key: keys.webhookSecrets(this.tenantId, endpointId) } },
    ]);
  }

  /** Writes a new delivery once: false when one for this endpoint and message already exists. */
  async addDelivery(delivery: StoredWebhookDelivery): Promise<boolean> {
    return conditionHeld(
      this.table.put(this.deliveryItem(delivery), { ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  }

  async getDelivery(endpointId: string, messageId: string): Promise<StoredWebhookDelivery | undefined> {
    const item = await this.table.get(keys.webhookDelivery(this.tenantId, endpointId, messageId));
    return item ? fromItem<StoredWebhookDelivery>(item) : undefined;
  }

  /**
   * Replaces the delivery if nobody else moved it since `expectedRevision` was read (a claim by
   * another worker, a resend): false when someone did.
   */
  async saveDelivery(next: StoredWebhookDelivery, expectedRevision: number): Promise<boolean> {
    return conditionHeld(
      this.table.put(this.deliveryItem(next), {
        ConditionExpression: 'revision = :expected',
        ExpressionAttributeValues: { ':expected': expectedRevision },
      }),
    );
  }

  /** An endpoint's deliveries, newest first, a page at a time. */
  /**
   * One page of the endpoint's log, newest first; `nextCursor` continues after its last delivery
   * (null on the last page: one delivery more than asked is read, so a full last page offers no
   * empty page after it).
   */
  async deliveryPage(
    endpointId: string,
    options: { limit: number; cursor?: string },
  ): Promise<{ deliveries: StoredWebhookDelivery[]; nextCursor: string | null }> {
    const page = await this.listDeliveries(endpointId, {
      limit: options.limit + 1,
      ...(options.cursor === undefined ? {} : { before: options.cursor }),
    });
    const deliveries = page.deliveries.slice(0, options.limit);
    const last = deliveries.at(-1);
    const more = page.deliveries.length > options.limit || page.next !== undefined;
    return { deliveries, nextCursor: more && last ? deliveryCursor(last) : null };
  }

  async listDeliveries(
    endpointId: string,
    options: { limit: number; since?: string; cursor?: Item; before?: string },
  ): Promise<{ deliveries: StoredWebhookDelivery[]; next?: Item }> {
    const page = await this.table.query<Item>({
      IndexName: 'gsi1',
      partitionValue: keys.webhookLogPartition(this.tenantId, endpointId),
      ScanIndexForward: false,
      Limit: options.limit,
      ...(options.since
        ? {
            KeyConditionExpression: 'gsi1sk >= :since',
            ExpressionAttributeValues: { ':since': options.since },
          }
        : options.before
          ? {
              KeyConditionExpression: 'gsi1sk < :before',
              ExpressionAttributeValues: { ':before': decodeDeliveryCursor(options.before) },
            }
          : {}),
      ...(options.cursor ? { ExclusiveStartKey: options.cursor } : {}),
    });
    // The index gives the order; the items themselves are read again consistently, so the log
    // shows the attempt that just finished rather than the index's slightly older copy.
    const fresh = await this.table.batchGet(
      page.items.map((item) =>
        keys.webhookDelivery(this.tenantId, item.endpointId as string, item.id as string),
      ),
    );
    const byId = new Map(fresh.map((item) => [item.id as string, fromItem<StoredWebhookDelivery>(item)]));
    return {
      deliveries: page.items.flatMap((item) => byId.get(item.id as string) ?? []),
      ...(page.lastEvaluatedKey ? { next: page.lastEvaluatedKey } : {}),
    };
  }

  /** Pending deliveries whose next attempt is due at `now` or before, soonest first. */
  async dueDeliveries(
    now: string,
    limit: number,
    options: {
      /** At most this many of one endpoint: a backlog to a failing receiver must not fill the list. */
      perEndpoint?: number;
      /** Endpoints left out (a worker's lanes still open on them). */
      skip?: (endpointId: string) => boolean;
    } = {},
  ): Promise<{ endpointId: string; messageId: string }[]> {
    const perEndpoint = options.perEndpoint ?? limit;
    const taken = new Map<string, number>();
    const due: { endpointId: string; messageId: string }[] = [];
    let start: Item | undefined;
    // Bounded: a pass reads at most this many pages of keys, however large the backlog.
    for (let pages = 0; pages < MAX_DUE_PAGES && due.length < limit; pages++) {
      const page = await this.table.query<Item>({
        IndexName: 'gsi2',
        partitionValue: keys.webhookDuePartition(this.tenantId),
        KeyConditionExpression: 'gsi2sk <= :now',
        // `#` sorts before every character of an id, `~` after: everything due up to and including now.
        ExpressionAttributeValues: { ':now': `${now}#~` },
        Limit: Math.max(limit, DUE_PAGE_SIZE),
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      for (const item of page.items) {
        const endpointId = item.endpointId as string;
        const count = taken.get(endpointId) ?? 0;
        if (count >= perEndpoint || options.skip?.(endpointId)) continue;
        taken.set(endpointId, count + 1);
        due.push({ endpointId, messageId: item.id as string });
        if (due.length === limit) break;
      }
      start = page.lastEvaluatedKey;
      if (!start) break;
    }
    return due;
  }

  /** Whether any delivery is pending at all (due now or later). */
  async hasPendingDeliveries(): Promise<boolean> {
    const page = await this.table.query<Item>({
      IndexName: 'gsi2',
      partitionValue: keys.webhookDuePartition(this.tenantId),
      Limit: 1,
    });
    return page.items.length > 0;
  }
}

/**
 * The platform list of tenants with pending webhook deliveries: what the local delivery timer
 * walks (in AWS a queue message carries each delivery instead). A marker carries a token that
 * changes with every write, so the timer removes it only if nothing was scheduled since it looked.
 */
export class WebhookDueTenants {
  private readonly platform: PlatformTable;

  constructor(client: TableClient) {
    this.platform = new PlatformTable(client);
  }

  async mark(tenantId: string, token: string): Promise<void> {
    await this.platform.update({
      Key: platformKeys.webhookDueTenant(tenantId),
      UpdateExpression: 'SET #token = :token, entityType = :type',
      ExpressionAttributeNames: { '#token': 'token' },
      ExpressionAttributeValues: { ':token': token, ':type': 'webhookDueTenant' },
    });
  }

  async list(): Promise<{ tenantId: string; token: string }[]> {
    const items = await this.platform.queryPartition<Item>(platformKeys.webhookDueTenantsPartition());
    return items.map((item) => ({ tenantId: item.sk as string, token: item.token as string }));
  }

  /** Removes the marker if its token is still `token`; false when something was scheduled since. */
  async clear(tenantId: string, token: string): Promise<boolean> {
    return conditionHeld(
      this.platform.transactWrite([
        {
          Delete: {
            TableName: '',
            Key: platformKeys.webhookDueTenant(tenantId),
            ConditionExpression: '#token = :token',
            ExpressionAttributeNames: { '#token': 'token' },
            ExpressionAttributeValues: { ':token': token },
          },
        },
      ]),
    );
  }
}

/** The log position a page cursor names: the last delivery shown, as `<createdAt>#<messageId>`. */
function deliveryCursor(delivery: Pick<WebhookDelivery, 'createdAt' | 'id'>): string {
  return Buffer.from(`${delivery.createdAt}#${delivery.id}`).toString('base64url');
}

function decodeDeliveryCursor(cursor: string): string {
  const sortKey = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!cursorSortKeyPatterns.webhookDelivery.test(sortKey)) {
    throw new DomainError('validation_failed', 'Invalid cursor: not a cursor this API issued', {
      fields: [{ path: 'cursor', message: 'not a cursor this API issued' }],
    });
  }
  return sortKey;
}
