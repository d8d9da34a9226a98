import { createResource, For, Match, Show, Switch } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { serviceMessages } from './messages.js';
import { planCadence } from './plan-cadence.js';

/**
 * The plans that serve the customer on its 360°: its own, and those for every customer of the
 * value class it is in now (marked so, since changing them changes every such customer's), each
 * with when it next serves this customer, or why the nightly run would skip it now (an own plan
 * limited to a value class the customer is not in, or an archived customer): the API's `standing`.
 * `version` changes when a plan was just created here.
 */
export function CustomerServicePlans(props: { customerId: string; version: number }) {
  const t = useMessages(serviceMessages);
  const api = useApi();
  const format = useFormat();
  const [plans, { refetch }] = createResource(
    () => ({ customerId: props.customerId, version: props.version }),
    ({ customerId }) =>
      unwrap(api.GET('/v1/customers/{customerId}/service-plans', { params: { path: { customerId } } })),
  );
  return (
    <section aria-labelledby="customer-plans-heading">
      <h3 id="customer-plans-heading" class="credit-panel__subheading">
        {t('panel.plans')}
      </h3>
      <AsyncView
        resource={plans}
        onRetry={refetch}
        isEmpty={(found) => found.items.length === 0}
        empty={<p class="muted">{t('panel.plans.none')}</p>}
      >
        {(found) => (
          <>
            <Show when={found.abcClass}>
              {(abcClass) => <p class="muted">{t('panel.plans.class', { class: abcClass() })}</p>}
            </Show>
            <ul class="service-list" data-testid="customer-service-plans">
              <For each={found.items}>
                {(item) => (
                  <li data-plan={item.plan.id} data-applies-by={item.appliesBy}>
                    <span class="service-card__summary">{item.plan.title}</span>{' '}
                    <Show when={item.appliesBy === 'class'}>
                      <span class="badge">
                        {t('panel.plans.forClass', { class: item.plan.abcClass ?? '' })}
                      </span>{' '}
                    </Show>
                    <span class="muted">{planCadence(t, item.plan.every)}</span>{' '}
                    <Show when={item.plan.valueClass}>
                      {(cls) => <span class="badge">{t('plans.onlyClass', { class: cls() })}</span>}
                    </Show>{' '}
                    <Switch>
                      <Match when={item.standing === 'scheduled' && item.nextDueOn}>
                        {(next) => <span>{t('panel.plans.nextHere', { date: format.date(next()) })}</span>}
                      </Match>
                      <Match when={item.standing === 'paused'}>
                        <span class="badge badge--muted">{t('plans.paused')}</span>
                      </Match>
                      <Match when={item.standing === 'skipped_archived'}>
                        <span class="badge badge--muted" data-standing="skipped_archived">
                          {t('panel.plans.skippedArchived')}
                        </span>
                      </Match>
                      <Match when={item.standing === 'skipped_class'}>
                        {/* The nightly run passes its occurrences unserved: no date, and why. */}
                        <span class="badge badge--muted" data-standing="skipped_class">
                          {found.abcClass
                            ? t('panel.plans.skippedClass', {
                                class: found.abcClass,
                                only: item.plan.valueClass ?? '',
                              })
                            : t('panel.plans.skippedNoClass', { only: item.plan.valueClass ?? '' })}
                        </span>
                      </Match>
                    </Switch>
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </AsyncView>
    </section>
  );
}
