import { A, useNavigate } from '@solidjs/router';
import { createResource, For } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Page } from '../../lib/ui/page.js';
import { CampaignComposer } from './campaign-composer.js';
import { campaignsMessages } from './messages.js';
import './campaigns.css';

/** The tenant's campaigns (批量沟通) and the composer of a new one. */
export function CampaignsPage() {
  const t = useMessages(campaignsMessages);
  const api = useApi();
  const navigate = useNavigate();
  const [campaigns, { refetch }] = createResource(
    async () => (await unwrap(api.GET('/v1/campaigns', { params: { query: { limit: 200 } } }))).items,
  );
  return (
    <Page title={t('list.title')} term="批量沟通" description={t('list.description')}>
      <AsyncView
        resource={campaigns}
        onRetry={refetch}
        isEmpty={(items) => items.length === 0}
        empty={<p class="muted">{t('list.empty')}</p>}
      >
        {(items) => (
          <ul class="campaign-list" data-testid="campaigns">
            <For each={items}>
              {(campaign) => (
                <li class="card campaign-card">
                  <A href={`/campaigns/${campaign.id}`}>{campaign.name}</A>
                  <span class="badge">{t(`status.${campaign.status}`)}</span>
                </li>
              )}
            </For>
          </ul>
        )}
      </AsyncView>
      <CampaignComposer onSaved={(campaign) => navigate(`/campaigns/${campaign.id}`)} />
    </Page>
  );
}
