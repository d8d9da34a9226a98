import { createResource, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useLabelled, useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { ErrorState } from '../../lib/ui/states.js';
import { suggestedLimitMessages } from './suggested-limit-messages.js';

type CreditFile = components['schemas']['CreditFile'];

/**
 * The suggested limit with each step of its reasoning; an admin accepts it (a manual limit with
 * the reason "accepted suggestion", which waits for a second admin where the policy says so).
 */
export function SuggestedLimit(props: {
  customerId: string;
  file: CreditFile;
  admin: boolean;
  onChanged: (file: CreditFile) => void;
}) {
  const t = useMessages(suggestedLimitMessages);
  const labelled = useLabelled();
  const api = useApi();
  const format = useFormat();
  const form = createForm();
  // Asked again whenever the file moves on (a payment changes the behaviour it is read from).
  const [suggestion, { refetch }] = createResource(
    () => ({ customerId: props.customerId, version: props.file.version }),
    ({ customerId }) =>
      unwrap(
        api.GET('/v1/customers/{customerId}/credit/suggested-limit', { params: { path: { customerId } } }),
      ),
  );
  const accept = (limit: number) =>
    form.submit(async () => {
      const next = await unwrap(
        api.PUT('/v1/customers/{customerId}/credit/limit', {
          params: { path: { customerId: props.customerId } },
          body: { limit, reason: t('reason') },
        }),
      );
      props.onChanged(next);
    });
  return (
    <section class="credit-suggestion" aria-labelledby="credit-suggestion-heading">
      <h3 id="credit-suggestion-heading" class="credit-panel__subheading">
        {t('heading')}
      </h3>
      <AsyncView resource={suggestion} onRetry={() => void refetch()}>
        {(shown) => (
          <>
            <p data-figure="suggestedLimit">
              <strong>{t('value', { limit: format.money(shown.limit, shown.currency) })}</strong>
            </p>
            <ol class="credit-suggestion__steps">
              <For each={shown.steps}>
                {(step) => (
                  <li>{labelled(t(`step.${step.step}`), format.money(step.amount, shown.currency))}</li>
                )}
              </For>
            </ol>
            <p class="muted">
              {t('inputs', {
                orders: format.number(shown.inputs.expectedOrdersInTerm, { maximumFractionDigits: 1 }),
                term: shown.inputs.termDays,
                aov: format.money(shown.inputs.averageOrderValue, shown.currency),
                onTime:
                  shown.inputs.onTimeShare === null ? t('unknown') : format.percent(shown.inputs.onTimeShare),
                clv:
                  shown.inputs.clv === null ? t('unknown') : format.money(shown.inputs.clv, shown.currency),
              })}
            </p>
            <Show when={props.admin}>
              <Show when={shown.limit !== props.file.limit} fallback={<p class="muted">{t('same')}</p>}>
                <form onSubmit={accept(shown.limit)}>
                  <Button type="submit" variant="secondary" disabled={form.pending()}>
                    {t('accept')}
                  </Button>
                </form>
              </Show>
              <Show when={form.error()}>
                <ErrorState error={form.error()} />
              </Show>
            </Show>
          </>
        )}
      </AsyncView>
    </section>
  );
}
