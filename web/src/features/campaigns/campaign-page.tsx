import { useParams } from '@solidjs/router';
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { ApiError, unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useLabelled, useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { Page } from '../../lib/ui/page.js';
import { ConfirmDialog } from '../settings/admin-dialog.js';
import { CampaignComposer } from './campaign-composer.js';
import { CampaignSummary } from './campaign-summary.js';
import { campaignsMessages } from './messages.js';
import './campaigns.css';

type SkipReason = 'unsubscribed' | 'no_consent' | 'no_email' | 'no_phone' | 'suppressed';

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)} %`);

/**
 * One campaign: what it sends (and, for a draft, an edit), its progress, the send — asked first,
 * then carried on by the page itself while the tenant's send rate makes it wait — and its results
 * against the hold-out group.
 */
export function CampaignPage() {
  const t = useMessages(campaignsMessages);
  const labelled = useLabelled();
  const format = useFormat();
  const api = useApi();
  const params = useParams<{ campaignId: string }>();
  const form = createForm();
  const path = () => ({ params: { path: { campaignId: params.campaignId } } });
  const [campaign, { refetch, mutate }] = createResource(
    () => params.campaignId,
    () => unwrap(api.GET('/v1/campaigns/{campaignId}', path())),
  );
  // The segment as it is now: its name, and the count the send question names.
  const [segment] = createResource(
    () => campaign()?.segmentId,
    (segmentId) =>
      unwrap(api.GET('/v1/segments/{segmentId}', { params: { path: { segmentId } } })).catch(
        (error: unknown) => {
          if (error instanceof ApiError && error.status === 404) return null;
          throw error;
        },
      ),
  );
  const [editing, setEditing] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const [results, { refetch: refetchResults }] = createResource(
    // Only once the campaign is known not to be a draft: a draft has no results to ask for.
    () => {
      const status = campaign.state === 'ready' ? campaign()?.status : undefined;
      return status && status !== 'draft' ? params.campaignId : undefined;
    },
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
  const start = (event: SubmitEvent) => {
    if (campaign()?.status === 'draft') {
      event.preventDefault();
      setConfirming(true);
      return;
    }
    void form.submit(send)(event);
  };
  const sendQuestion = () => {
    const counted = segment.state === 'ready' ? segment() : undefined;
    return counted
      ? t('detail.sendTitle', { count: format.number(counted.count) })
      : t('detail.sendTitleUnknown');
  };
  const sendBody = () => {
    const counted = segment.state === 'ready' ? segment() : undefined;
    const holdout = campaign()?.holdoutPercent ?? 0;
    return [
      counted ? t('detail.sendBody', { segment: counted.name }) : '',
      holdout > 0 ? t('detail.sendHoldout', { percent: holdout }) : '',
      t('detail.sendFinal'),
    ]
      .filter(Boolean)
      .join(' ');
  };
  return (
    <AsyncView resource={campaign} onRetry={refetch}>
      {(loaded) => (
        <Page
          title={loaded.name}
          term="批量沟通"
          description={t(`status.${loaded.status}`)}
          actions={
            <Show when={loaded.status === 'draft' && !editing()}>
              <Button variant="secondary" onClick={() => setEditing(true)}>
                {t('detail.edit')}
              </Button>
            </Show>
          }
        >
          <Show
            when={editing()}
            fallback={
              <CampaignSummary
                campaign={loaded}
                segment={segment.state === 'ready' ? (segment() ?? undefined) : undefined}
                segmentGone={segment.state === 'ready' && segment() === null}
              />
            }
          >
            <CampaignComposer
              campaign={loaded}
              onSaved={(saved) => {
                mutate(saved);
                setEditing(false);
              }}
              onCancel={() => setEditing(false)}
            />
          </Show>
          <Show when={!editing()}>
            <form class="card form" onSubmit={start}>
              <Show when={loaded.status !== 'draft'}>
                <p data-testid="campaign-progress">{t('detail.progress', { ...loaded.progress })}</p>
              </Show>
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
          </Show>
          <Show when={loaded.status !== 'draft' && results()}>
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
                    {([reason, count]) => <li>{labelled(t(`reason.${reason as SkipReason}`), count)}</li>}
                  </For>
                </ul>
                <p data-testid="campaign-messages">
                  {t('results.messages', {
                    sent: figures().messages.sent,
                    bounced: figures().messages.bounced,
                    unsubscribed: figures().messages.unsubscribed,
                    skipped: figures().messages.skipped,
                  })}
                  <For
                    each={Object.entries(figures().messages.skippedByReason).filter(([, count]) => count > 0)}
                  >
                    {([reason, count]) => ` · ${labelled(t(`reason.${reason as SkipReason}`), count)}`}
                  </For>
                </p>
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
          <ConfirmDialog
            open={confirming()}
            onOpenChange={setConfirming}
            title={sendQuestion()}
            body={sendBody()}
            confirmLabel={t('detail.sendConfirm')}
            onConfirm={() => form.submit(send)(new Event('submit') as SubmitEvent)}
          />
        </Page>
      )}
    </AsyncView>
  );
}
