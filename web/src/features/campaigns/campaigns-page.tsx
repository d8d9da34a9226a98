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
import { TableCard } from '../../lib/ui/table-card.js';
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
          <TableCard
            class="campaigns-table"
            testId="campaigns"
            columns={[
              t('list.column.name'),
              t('list.column.status'),
              { label: t('list.column.sent'), class: 'table__number' },
              t('list.column.segment'),
              t('list.column.channel'),
            ]}
          >
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
                        <span class="muted">{segments.state === 'ready' ? t('list.segmentGone') : '…'}</span>
                      }
                    >
                      {(name) => <A href={`/segments/${campaign.segmentId}`}>{name()}</A>}
                    </Show>
                  </td>
                  <td>{t(`composer.channel.${campaign.channel}`)}</td>
                </tr>
              )}
            </For>
          </TableCard>
        )}
      </AsyncView>
    </Page>
  );
}
