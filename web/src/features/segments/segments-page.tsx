import { A } from '@solidjs/router';
import { createResource, For } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Page } from '../../lib/ui/page.js';
import { segmentsMessages } from './messages.js';
import { SegmentBuilder } from './segment-builder.js';
import './segments.css';

/** The tenant's saved segments (客户细分) and the builder of a new one. */
export function SegmentsPage() {
  const t = useMessages(segmentsMessages);
  const api = useApi();
  const [segments, { refetch }] = createResource(
    async () => (await unwrap(api.GET('/v1/segments', { params: { query: { limit: 200 } } }))).items,
  );
  return (
    <Page title={t('list.title')} term="客户细分" description={t('list.description')}>
      <AsyncView
        resource={segments}
        onRetry={refetch}
        isEmpty={(items) => items.length === 0}
        empty={<p class="muted">{t('list.empty')}</p>}
      >
        {(items) => (
          <ul class="segment-list" data-testid="segments">
            <For each={items}>
              {(segment) => (
                <li class="card segment-card">
                  <A href={`/segments/${segment.id}`}>{segment.name}</A>
                </li>
              )}
            </For>
          </ul>
        )}
      </AsyncView>
      <SegmentBuilder onSaved={() => void refetch()} />
    </Page>
  );
}
