import { type Reaction, toCatalogEvents, type WebhookEndpoint } from '@crm/domain';
import { sharedClientFactory, type TableClient } from '@crm/dynamodb';
import { AlertService } from '../alerts/alerts.service.js';

const BY = 'system:webhooks';

/**
 * Tells the admins when the system turns an endpoint off: the catalog's `webhook.endpoint.disabled`
 * (a 410, or a receiver down for the whole schedule or 5 days) raises an alert in the inbox, one
 * per disabling (its id comes from the endpoint and `disabledAt`, so a redelivered record finds
 * it); re-enabling or deleting the endpoint resolves it. An admin switching it off raises nothing.
 */
export function webhookAlertsReaction(deps: { table: TableClient; clock?: () => Date }): Reaction {
  const alerts = new AlertService({
    tenantClient: sharedClientFactory(deps.table),
    clock: deps.clock ?? (() => new Date()),
  });
  return {
    name: 'webhook-alerts',
    entityTypes: ['webhookEndpoint'],
    async handle(change) {
      const after = change.after as Partial<WebhookEndpoint> | undefined;
      const before = change.before as Partial<WebhookEndpoint> | undefined;
      const disabled = toCatalogEvents(change).some((event) => event.type === 'webhook.endpoint.disabled');
      if (disabled && after?.id && after.url && after.disabledAt) {
        await alerts.raiseWebhookDisabled(change.tenantId, {
          webhookId: after.id,
          url: after.url,
          reason: after.disabledReason === 'gone' ? 'gone' : 'failing',
          disabledAt: after.disabledAt,
          by: BY,
        });
        return;
      }
      const endpointId = before?.id;
      const back = after?.enabled === true && before?.enabled === false;
      if (endpointId && (back || !after)) await alerts.resolveWebhook(change.tenantId, endpointId, BY);
    },
  };
}
