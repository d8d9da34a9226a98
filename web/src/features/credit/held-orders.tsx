import { createResource, createSignal, createUniqueId, For } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormField } from '../../lib/ui/form-field.js';
import { ErrorState } from '../../lib/ui/states.js';
import { heldOrdersMessages } from './held-orders-messages.js';

type CreditFile = components['schemas']['CreditFile'];
type Interaction = components['schemas']['Interaction'];

/**
 * The customer's orders credit control held and nobody rejected yet; an admin rejects one with a
 * reason (Dynamics 365's hold list: release or reject), which takes it off what the customer owes.
 */
export function HeldOrders(props: {
  customerId: string;
  version: number;
  onChanged: (file: CreditFile) => void;
}) {
  const t = useMessages(heldOrdersMessages);
  const api = useApi();
  // Unique: the hold list can open several customers' held orders at once.
  const headingId = `credit-held-orders-${createUniqueId()}`;
  const [orders, { refetch }] = createResource(
    () => ({ customerId: props.customerId, version: props.version }),
    async ({ customerId }) => {
      const page = await unwrap(
        api.GET('/v1/customers/{customerId}/interactions', {
          params: { path: { customerId }, query: { type: 'order', limit: 50 } },
        }),
      );
      return page.items.filter((order) => order.creditHold && !order.creditHold.rejected);
    },
  );
  return (
    <section class="credit-held-orders" aria-labelledby={headingId}>
      <h3 id={headingId} class="credit-panel__subheading">
        {t('heading')}
      </h3>
      <AsyncView
        resource={orders}
        onRetry={() => void refetch()}
        isEmpty={(items) => items.length === 0}
        empty={<p class="muted">{t('empty')}</p>}
      >
        {(items) => (
          <ul class="credit-held-orders__list">
            <For each={items}>
              {(order) => (
                <HeldOrder customerId={props.customerId} order={order} onChanged={props.onChanged} />
              )}
            </For>
          </ul>
        )}
      </AsyncView>
    </section>
  );
}

function HeldOrder(props: { customerId: string; order: Interaction; onChanged: (file: CreditFile) => void }) {
  const t = useMessages(heldOrdersMessages);
  const api = useApi();
  const format = useFormat();
  const form = createForm();
  const [reason, setReason] = createSignal('');
  const amount = () => format.money(props.order.amount ?? 0, props.order.currency);
  const reject = form.submit(async () => {
    const file = await unwrap(
      api.POST('/v1/customers/{customerId}/credit/orders/{interactionId}/reject', {
        params: { path: { customerId: props.customerId, interactionId: props.order.id } },
        body: { reason: reason() },
      }),
    );
    props.onChanged(file);
  });
  return (
    <li>
      <form class="credit-limit-form" onSubmit={reject} aria-label={t('rejectOrder', { amount: amount() })}>
        <p>{t('order', { amount: amount(), date: format.date(props.order.occurredAt) })}</p>
        <FormField
          name="reason"
          label={t('reason')}
          value={reason()}
          onChange={setReason}
          error={form.fieldError('reason')}
          required
        />
        <div class="form-actions">
          <Button type="submit" variant="secondary" disabled={form.pending()}>
            {t('reject')}
          </Button>
        </div>
        {form.error() && !form.fieldError('reason') ? <ErrorState error={form.error()} /> : null}
      </form>
    </li>
  );
}
