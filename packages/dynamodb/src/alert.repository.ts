import { type Alert, type AlertStatus, type AlertType, DomainError } from '@crm/domain';
import { conditionHeld, ifConditionHeld } from './condition-failure.js';
import type { TableClient } from './document-client.js';
import { filledListPage } from './filled-list-page.js';
import { fromItem, toItem } from './item-codec.js';
import { cursorSortKeyPatterns, keys } from './keys.js';
import { listPageFilterParams } from './list-page-filter.js';
import { statusChangeUpdate } from './status-change-update.js';
import { TenantTable } from './tenant-table.js';

type Item = Record<string, unknown>;

function alertItem(tenantId: string, alert: Alert): Item {
  return toItem(
    'alert',
    {
      ...keys.alert(tenantId, alert.id),
      ...keys.alertsIndex(tenantId, alert.createdAt, alert.id),
      ...keys.alertsByStatusIndex(tenantId, alert.status, alert.createdAt, alert.id),
      // gsi3 groups an alert by what it is about: a complaint's or a service request's escalations
      // by the record (a customer may have several open), a webhook alert (no customer) by its endpoint.
      ...keys.customerAlertsIndex(
        tenantId,
        alert.complaintId ?? alert.serviceRequestId ?? alert.customerId ?? alert.webhookId ?? '',
        alert.type,
        alert.createdAt,
        alert.id,
      ),
    },
    alert,
  );
}

export type AlertListFilter = {
  type?: AlertType;
  /** Types left out of the page (what the caller's role does not see). */
  hiddenTypes?: readonly AlertType[];
  status?: AlertStatus;
  assigneeId?: string;
  limit: number;
  /** From the previous page: the place of its last alert (`<createdAt>#<id>`, base64url). */
  cursor?: string;
};

/** A change of an alert's status or assignee, applied only from the statuses that allow it. */
export type AlertChange = {
  from: readonly AlertStatus[];
  set: Partial<Pick<Alert, 'status' | 'assigneeId' | 'snoozedUntil' | 'resolvedAt'>>;
  at: string;
  by: string;
};

/**
 * Alerts (credit holds, churn risks, disabled webhooks): one item per alert, listed newest first
 * for the tenant (gsi1), per status (gsi2) and per customer (or webhook endpoint) and type (gsi3). Nothing here touches the customer
 * item.
 */
export class AlertRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async get(alertId: string): Promise<Alert | undefined> {
    const item = await this.table.get(keys.alert(this.tenantId, alertId));
    return item ? fromItem<Alert>(item) : undefined;
  }

  /** Writes the alert once: false when an alert with its id exists (a replay, a second pass). */
  async createIfAbsent(alert: Alert): Promise<boolean> {
    return conditionHeld(
      this.table.put(alertItem(this.tenantId, alert), {
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /**
   * Applies `change` if the alert is in one of `change.from`; the status index key moves with
   * the status. Undefined when the alert is missing or in another status.
   */
  async change(alertId: string, change: AlertChange): Promise<Alert | undefined> {
    const { sets, names, values, statusCondition } = statusChangeUpdate(change);
    const current = await this.get(alertId);
    if (!current) return undefined;
    if (change.set.status) {
      const { gsi2pk } = keys.alertsByStatusIndex(
        this.tenantId,
        change.set.status,
        current.createdAt,
        alertId,
      );
      values[':gsi2pk'] = gsi2pk;
      sets.push('gsi2pk = :gsi2pk');
    }
    const attributes = await ifConditionHeld(
      this.table.update({
        Key: keys.alert(this.tenantId, alertId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: `attribute_exists(pk) AND ${statusCondition}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return attributes ? fromItem<Alert>(attributes) : undefined;
  }

  /** Snoozed alerts whose snooze ended by `now`: the snoozed status partition (gsi2), filtered. */
  async snoozedUntilBefore(now: string): Promise<Alert[]> {
    const items = await this.table.queryAll({
      partitionValue: keys.alertsByStatusPartition(this.tenantId, 'snoozed'),
      IndexName: 'gsi2',
      FilterExpression: '#snoozedUntil <= :now',
      ExpressionAttributeNames: { '#snoozedUntil': 'snoozedUntil' },
      ExpressionAttributeValues: { ':now': now },
    });
    return items.map((item) => fromItem<Alert>(item));
  }

  /**
   * The customers with an unresolved alert of `type` (open, acknowledged or snoozed), from the
   * status indexes, reading only each alert's customer; at most `cap` alerts a status (`capped`
   * says one had more).
   */
  async customersWithUnresolved(
    type: AlertType,
    cap: number,
  ): Promise<{ customerIds: string[]; capped: boolean }> {
    const statuses: AlertStatus[] = ['open', 'acknowledged', 'snoozed'];
    const pages = await Promise.all(
      statuses.map((status) =>
        filledListPage({
          table: this.table,
          query: {
            partitionValue: keys.alertsByStatusPartition(this.tenantId, status),
            IndexName: 'gsi2',
            FilterExpression: '#type = :type',
            ProjectionExpression: '#customerId',
            ExpressionAttributeNames: { '#type': 'type', '#customerId': 'customerId' },
            ExpressionAttributeValues: { ':type': type },
          },
          start: undefined,
          limit: cap,
        }),
      ),
    );
    const customerIds = new Set(
      pages.flatMap((page) =>
        page.items.flatMap((item) => (typeof item.customerId === 'string' ? [item.customerId] : [])),
      ),
    );
    return { customerIds: [...customerIds], capped: pages.some((page) => page.cursor !== null) };
  }

  /** The customer's alerts of one type that are not resolved yet. */
  async unresolvedOfCustomer(customerId: string, type: AlertType): Promise<Alert[]> {
    return this.unresolvedAbout(customerId, type);
  }

  /** The webhook endpoint's alerts that are not resolved yet. */
  async unresolvedOfWebhook(webhookId: string): Promise<Alert[]> {
    return this.unresolvedAbout(webhookId, 'webhook');
  }

  /** The complaint's escalation alerts that are not resolved yet. */
  async unresolvedOfComplaint(complaintId: string): Promise<Alert[]> {
    return this.unresolvedAbout(complaintId, 'complaint');
  }

  /** The service request's escalation alerts that are not resolved yet. */
  async unresolvedOfServiceRequest(serviceRequestId: string): Promise<Alert[]> {
    return this.unresolvedAbout(serviceRequestId, 'service');
  }

  private async unresolvedAbout(subjectId: string, type: AlertType): Promise<Alert[]> {
    const items = await this.table.queryAll({
      partitionValue: keys.customerAlertsPartition(this.tenantId, subjectId, type),
      IndexName: 'gsi3',
      FilterExpression: '#status <> :resolved',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':resolved': 'resolved' },
    });
    return items.map((item) => fromItem<Alert>(item));
  }

  /**
   * The inbox, newest first: one status's index when a status is asked for, else all alerts;
   * type and assignee filter the pages, which are read until `limit` alerts are found or the read
   * budget is spent (a shorter page, whose cursor goes on from where the reading stopped).
   */
  async list(filter: AlertListFilter): Promise<{ items: Alert[]; nextCursor: string | null }> {
    const afterSortKey = filter.cursor === undefined ? undefined : decodeAlertCursor(filter.cursor);
    const byStatus = filter.status !== undefined;
    const index = byStatus ? 'gsi2' : 'gsi1';
    const partition = byStatus
      ? keys.alertsByStatusPartition(this.tenantId, filter.status as AlertStatus)
      : keys.alertsPartition(this.tenantId);
    const startKey = (sortKey: string): Item => {
      const alertId = sortKey.slice(sortKey.lastIndexOf('#') + 1);
      return {
        ...keys.alert(this.tenantId, alertId),
        ...(byStatus ? { gsi2pk: partition, gsi2sk: sortKey } : { gsi1pk: partition, gsi1sk: sortKey }),
      };
    };
    const filters: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    if (filter.type) {
      filters.push('#type = :type');
      names['#type'] = 'type';
      values[':type'] = filter.type;
    }
    if (filter.hiddenTypes?.length) {
      names['#type'] = 'type';
      filter.hiddenTypes.forEach((type, index) => {
        filters.push(`#type <> :hidden${index}`);
        values[`:hidden${index}`] = type;
      });
    }
    if (filter.assigneeId) {
      filters.push('#assignee = :assignee');
      names['#assignee'] = 'assigneeId';
      values[':assignee'] = filter.assigneeId;
    }
    const page = await filledListPage({
      table: this.table,
      query: {
        partitionValue: partition,
        IndexName: index,
        ScanIndexForward: false,
        ...listPageFilterParams({ expressions: filters, names, values }),
      },
      start: afterSortKey ? startKey(afterSortKey) : undefined,
      limit: filter.limit,
    });
    return { items: page.items.map((item) => fromItem<Alert>(item)), nextCursor: page.cursor };
  }
}

function decodeAlertCursor(cursor: string): string {
  const sortKey = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!cursorSortKeyPatterns.alert.test(sortKey)) {
    throw new DomainError('validation_failed', 'Invalid cursor: not a cursor this API issued', {
      fields: [{ path: 'cursor', message: 'not a cursor this API issued' }],
    });
  }
  return sortKey;
}
