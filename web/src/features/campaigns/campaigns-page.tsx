import { A, useNavigate } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { Page } from '../../lib/ui/page.js';
import { EmptyState } from '../../lib/ui/states.js';
import { CampaignComposer } from './campaign-composer.js';
import { campaignsMessages } from './messages.js';
import '../../lib/ui/admin-screen.css';
import './campaigns.css';

const statusClass = { draft: '', sending: 'status--running', sent: 'status--completed' } as const;

/** The tenant's campaigns (批量沟通): status, channel, segment and sent count; the composer of a new one. */
export function CampaignsPage() {
  const t = useMessages(campaignsMessages);
  const api = useApi();
  const navigate = useNavigate();
  const format = useFormat();
  const [composing, setComposing] = createSignal(false);
  const [campaigns, { refetch }] = createResource(
    async () => (await unwrap(api.GET('/v1/campaigns', { params: { query: { limit: 200 } } }))).items,
  );
  const [segments] = createResource(
    async () => (await unwrap(api.GET('/v1/segments', { params: { query: { limit: 200 } } }))).items,
  );
  const segmentNames = createMemo(
    () =>
      new Map((segments.state === 'ready' ? segments() : []).map((segment) => [segment.id, segment.name])),
  );
  return (
    <Page
      title={t('list.title')}
      term="批量沟通"
      description={t('list.description')}
      actions={
        <Show when={!composing()}>
          <Button onClick={() => setComposing(true)}>{t('list.new')}</Button>
        </Show>
      }
    >
      <Show when={composing()}>
        <CampaignComposer
          onSaved={(campaign) => navigate(`/campaigns/${campaign.id}`)}
          onCancel={() => setComposing(false)}
        />
      </Show>
      <AsyncView
        resource={campaigns}
        onRetry={refetch}
        isEmpty={(items) => items.length === 0}
        empty={<EmptyState title={t('list.empty')} />}
      >
        {(items) => (
          <div class="card table-card">
            <div class="admin-screen">
              <div class="table-scroll">
                <table class="table campaigns-table" data-testid="campaigns">
                  <thead>
                    <tr>
                      <th scope="col">{t('list.column.name')}</th>
                      <th scope="col">{t('list.column.status')}</th>
                      <th scope="col" class="table__number">
                        {t('list.column.sent')}
                      </th>
                      <th scope="col">{t('list.column.segment')}</th>
                      <th scope="col">{t('list.column.channel')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={items}>
                      {(campaign) => (
                        <tr>
                          <th scope="row">
                            <A href={`/campaigns/${campaign.id}`}>{campaign.name}</A>
                          </th>
                          <td>
                            <span class={`status ${statusClass[campaign.status]}`}>
                              {t(`status.${campaign.status}`)}
                            </span>
                          </td>
                          <td class="table__number">
                            {campaign.status === 'draft' ? '—' : format.number(campaign.progress.sent)}
                          </td>
                          <td>
                            <Show
                              when={segmentNames().get(campaign.segmentId)}
                              fallback={
                                <span class="muted">
                                  {segments.state === 'ready' ? t('list.segmentGone') : '…'}
                                </span>
                              }
                            >
                              {(name) => <A href={`/segments/${campaign.segmentId}`}>{name()}</A>}
                            </Show>
                          </td>
                          <td>{t(`composer.channel.${campaign.channel}`)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        )}
      </AsyncView>
    </Page>
  );
}
