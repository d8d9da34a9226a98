import { useParams } from '@solidjs/router';
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { Page } from '../../lib/ui/page.js';
import { campaignsMessages } from './messages.js';
import './campaigns.css';

type SkipReason = 'unsubscribed' | 'no_consent' | 'no_email' | 'no_phone' | 'suppressed';

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)} %`);

/**
 * One campaign: its progress, the send (which the page carries on by itself while the tenant's
 * send rate makes it wait), and its results against the hold-out group.
 */
export function CampaignPage() {
  const t = useMessages(campaignsMessages);
  const api = useApi();
  const params = useParams<{ campaignId: string }>();
  const form = createForm();
  const path = () => ({ params: { path: { campaignId: params.campaignId } } });
  const [campaign, { refetch }] = createResource(
    () => params.campaignId,
    () => unwrap(api.GET('/v1/campaigns/{campaignId}', path())),
  );
  const [results, { refetch: refetchResults }] = createResource(
    () => (campaign()?.status === 'draft' ? undefined : params.campaignId),
    () => unwrap(api.GET('/v1/campaigns/{campaignId}/results', path())),
  );
  const [waiting, setWaiting] = createSignal<number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const send = async () => {
    setWaiting(undefined);
    const answer = await unwrap(api.POST('/v1/campaigns/{campaignId}/send', path()));
    await Promise.all([refetch(), refetchResults()]);
    if (!answer.done) {
      const seconds = answer.retryAfterSeconds ?? 1;
      setWaiting(seconds);
      // The send is resumable: the page asks again when the next slots open.
      timer = setTimeout(() => void form.submit(send)(new Event('submit') as SubmitEvent), seconds * 1000);
    }
  };
  return (
    <AsyncView resource={campaign} onRetry={refetch}>
      {(loaded) => (
        <Page title={loaded.name} term="批量沟通" description={t(`status.${loaded.status}`)}>
          <form class="card form" onSubmit={form.submit(send)}>
            <p data-testid="campaign-progress">{t('detail.progress', { ...loaded.progress })}</p>
            <Show when={waiting()}>
              {(seconds) => <p role="status">{t('detail.waiting', { seconds: seconds() })}</p>}
            </Show>
            <Show when={form.error()}>
              <p class="form__error" role="alert">
                {(form.error() as Error).message}
              </p>
            </Show>
            <Show when={loaded.status !== 'sent'}>
              <Button type="submit" disabled={form.pending()}>
                {loaded.status === 'draft' ? t('detail.send') : t('detail.resume')}
              </Button>
            </Show>
          </form>
          <Show when={results()}>
            {(figures) => (
              <section
                class="card campaign-results"
                data-testid="campaign-results"
                aria-labelledby="campaign-results-title"
              >
                <h2 id="campaign-results-title" class="card__title">
                  {t('results.title')}
                </h2>
                <dl class="campaign-results__counts">
                  <For
                    each={
                      [
                        ['results.sent', figures().sent],
                        ['results.skipped', figures().skipped],
                        ['results.bounced', figures().bounced],
                        ['results.unsubscribed', figures().unsubscribed],
                        ['results.holdout', figures().holdout],
                      ] as const
                    }
                  >
                    {([label, value]) => (
                      <div>
                        <dt>{t(label)}</dt>
                        <dd>{value}</dd>
                      </div>
                    )}
                  </For>
                </dl>
                <ul class="muted">
                  <For each={Object.entries(figures().skippedByReason).filter(([, count]) => count > 0)}>
                    {([reason, count]) => <li>{`${t(`reason.${reason as SkipReason}`)}: ${count}`}</li>}
                  </For>
                </ul>
                <p>
                  {t('results.contacted', {
                    converted: figures().contacted.converted,
                    customers: figures().contacted.customers,
                    days: figures().conversionDays,
                    rate: percent(figures().contacted.rate),
                  })}
                </p>
                <Show when={figures().holdout > 0}>
                  <p>
                    {t('results.holdoutGroup', {
                      converted: figures().holdoutGroup.converted,
                      customers: figures().holdoutGroup.customers,
                      rate: percent(figures().holdoutGroup.rate),
                    })}
                  </p>
                </Show>
                <Show when={figures().uplift !== null}>
                  <p>
                    <strong>
                      {t('results.uplift', { uplift: ((figures().uplift as number) * 100).toFixed(1) })}
                    </strong>
                  </p>
                </Show>
                <Show when={figures().windowOpen}>
                  <p class="muted">{t('results.windowOpen')}</p>
                </Show>
              </section>
            )}
          </Show>
        </Page>
      )}
    </AsyncView>
  );
}
