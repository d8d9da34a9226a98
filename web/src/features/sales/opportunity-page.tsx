import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { Page } from '../../lib/ui/page.js';
import { ScrollTable } from '../../lib/ui/scroll-table.js';
import { CloseDealDialog } from './close-deal-dialog.js';
import { salesMessages } from './messages.js';
import { QuotesPanel } from './quotes-panel.js';
import { SalesTabs } from './sales-tabs.js';
import { useNamedStage } from './stage-name.js';
import './sales.css';
import '../../lib/ui/admin-screen.css';

type Deal = components['schemas']['OpportunityView'];
const DAY_MS = 86_400_000;

/** One opportunity (销售机会): its figures, its stage history with the days in each, win / lose. */
export function OpportunityPage() {
  const params = useParams<{ opportunityId: string }>();
  const t = useMessages(salesMessages);
  const api = useApi();
  const format = useFormat();
  const namedStage = useNamedStage();
  const [closing, setClosing] = createSignal<'win' | 'lose'>();
  const [data, { refetch, mutate }] = createResource(
    () => params.opportunityId,
    async (opportunityId) => {
      const [deal, setup] = await Promise.all([
        unwrap(api.GET('/v1/opportunities/{opportunityId}', { params: { path: { opportunityId } } })),
        unwrap(api.GET('/v1/pipelines')),
      ]);
      return { deal, pipeline: setup.pipelines.find((pipeline) => pipeline.key === deal.pipeline) };
    },
  );
  // The deal names its customer by id; the name is read beside it, and the id stays as the link's
  // text if it cannot be read (archived, or outside a partner's share).
  const [customer] = createResource(
    () => data()?.deal.customerId,
    async (customerId) => {
      const { data: found } = await api.GET('/v1/customers/{customerId}', {
        params: { path: { customerId } },
      });
      return found?.name;
    },
  );
  const stageLabel = (key: string) => namedStage(data()?.pipeline?.stages, key);
  const days = (from: string, to: string | null) =>
    Math.round(((to ? Date.parse(to) : Date.now()) - Date.parse(from)) / DAY_MS);
  return (
    <AsyncView resource={data} onRetry={refetch}>
      {(current) => (
        <Page title={current.deal.name} term="销售机会">
          <SalesTabs />
          <div class="card">
            <dl class="sales-funnel__totals">
              <div>
                <dt>{t('deal.customer')}</dt>
                <dd>
                  <A href={`/customers/${current.deal.customerId}`}>
                    {(customer.state === 'ready' && customer()) || current.deal.customerId}
                  </A>
                </dd>
              </div>
              <div>
                <dt>{t('deal.amount')}</dt>
                <dd>{format.money(current.deal.amount, current.deal.currency)}</dd>
              </div>
              <div>
                <dt>{t('deal.stage')}</dt>
                <dd>{stageLabel(current.deal.stage)}</dd>
              </div>
              <div>
                <dt>{t('deal.status')}</dt>
                <dd data-testid="deal-status">
                  {t(`deal.status.${current.deal.status}`)}
                  <Show when={current.deal.rotting}>
                    {' '}
                    <span class="sales-badge sales-badge--rotting">{t('card.rotting')}</span>
                  </Show>
                </dd>
              </div>
              <div>
                <dt>{t('deal.close')}</dt>
                <dd>{current.deal.expectedCloseDate ? format.date(current.deal.expectedCloseDate) : '—'}</dd>
              </div>
              <div>
                <dt>{t('deal.competitors')}</dt>
                <dd>{current.deal.competitors.join(', ') || '—'}</dd>
              </div>
            </dl>
            <Show when={current.deal.status === 'lost' && current.deal.lostReason}>
              {(reason) => (
                <p>
                  {t('deal.lostBecause', { reason: t(`reason.${reason()}`) })}{' '}
                  <Show when={current.deal.lostCompetitor}>
                    {(competitor) => t('deal.lostTo', { competitor: competitor() })}
                  </Show>
                </p>
              )}
            </Show>
            <Show when={current.deal.status === 'open'}>
              <div class="sales-form">
                <Button variant="primary" onClick={() => setClosing('win')}>
                  {t('deal.win')}
                </Button>
                <Button variant="secondary" onClick={() => setClosing('lose')}>
                  {t('deal.lose')}
                </Button>
              </div>
            </Show>
          </div>
          <QuotesPanel
            opportunityId={current.deal.id}
            currency={current.deal.currency}
            open={current.deal.status === 'open'}
          />
          <section class="card table-card" aria-labelledby="deal-history">
            <h2 id="deal-history">{t('deal.history')}</h2>
            <div class="admin-screen">
              <ScrollTable columns={[t('deal.stage'), t('deal.entered'), t('deal.left'), t('deal.days')]}>
                <For each={current.deal.stageHistory}>
                  {(visit) => (
                    <tr>
                      <th scope="row">{stageLabel(visit.stage)}</th>
                      <td>{format.date(visit.enteredAt, true)}</td>
                      <td>{visit.leftAt ? format.date(visit.leftAt, true) : t('deal.current')}</td>
                      <td>{days(visit.enteredAt, visit.leftAt)}</td>
                    </tr>
                  )}
                </For>
              </ScrollTable>
            </div>
          </section>
          <Show when={closing()}>
            {(outcome) => (
              <CloseDealDialog
                deal={current.deal}
                outcome={outcome()}
                onClose={() => setClosing(undefined)}
                onDone={(deal: Deal) => mutate({ ...current, deal })}
                onConflict={() => void refetch()}
              />
            )}
          </Show>
        </Page>
      )}
    </AsyncView>
  );
}
