import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { surveysMessages } from './messages.js';

/**
 * The customer's surveys on the 360°: each one sent, answered or not, with the 1–5 rating it added
 * to the satisfaction figure, and the ratings in time order as the trend.
 */
export function CustomerSurveysPanel(props: { customerId: string }) {
  const t = useMessages(surveysMessages);
  const api = useApi();
  const format = useFormat();
  const [surveys, { refetch }] = createResource(
    () => props.customerId,
    async (customerId) =>
      (await unwrap(api.GET('/v1/customers/{customerId}/surveys', { params: { path: { customerId } } })))
        .items,
  );
  // Read only once loaded: an errored resource throws when read, and AsyncView shows that error.
  const trend = () =>
    (surveys.state === 'ready' ? surveys() : [])
      .filter((invitation) => invitation.rating !== null && invitation.answeredAt)
      .sort((a, b) => (a.answeredAt ?? '').localeCompare(b.answeredAt ?? ''))
      .map((invitation) => invitation.rating)
      .join(' → ');
  return (
    <section class="card" aria-labelledby="customer-surveys-heading" data-testid="customer-surveys">
      <h2 id="customer-surveys-heading" class="card__title">
        {t('customer.title')}
      </h2>
      <Show when={trend()}>
        <p>{t('customer.trend', { ratings: trend() })}</p>
      </Show>
      <AsyncView
        resource={surveys}
        onRetry={refetch}
        isEmpty={(items) => items.length === 0}
        empty={<p class="muted">{t('customer.empty')}</p>}
      >
        {(items) => (
          <ul class="survey-list">
            <For each={items}>
              {(invitation) => (
                <li>
                  <A href={`/surveys/${invitation.surveyId}`}>
                    {invitation.answeredAt
                      ? t('customer.answered', {
                          date: format.date(invitation.answeredAt),
                          rating: invitation.rating === null ? '—' : String(invitation.rating),
                        })
                      : t('customer.pending', { date: format.date(invitation.sentAt) })}
                  </A>
                </li>
              )}
            </For>
          </ul>
        )}
      </AsyncView>
    </section>
  );
}
