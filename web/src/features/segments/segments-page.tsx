import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { Page } from '../../lib/ui/page.js';
import { EmptyState } from '../../lib/ui/states.js';
import { TableCard } from '../../lib/ui/table-card.js';
import { segmentsMessages } from './messages.js';
import { SegmentBuilder } from './segment-builder.js';
import { SegmentCount } from './segment-count.js';
import { SegmentFilterChips } from './segment-filter-chips.js';
import '../../lib/ui/admin-screen.css';
import './segments.css';

/** The tenant's saved segments (客户细分) with their live counts, and the builder of a new one. */
export function SegmentsPage() {
  const t = useMessages(segmentsMessages);
  const api = useApi();
  const [building, setBuilding] = createSignal(false);
  const [segments, { refetch }] = createResource(
    async () => (await unwrap(api.GET('/v1/segments', { params: { query: { limit: 200 } } }))).items,
  );
  return (
    <Page
      title={t('list.title')}
      term="客户细分"
      description={t('list.description')}
      actions={
        <Show when={!building()}>
          <Button onClick={() => setBuilding(true)}>{t('list.new')}</Button>
        </Show>
      }
    >
      <Show when={building()}>
        <SegmentBuilder
          onSaved={() => {
            setBuilding(false);
            void refetch();
          }}
          onCancel={() => setBuilding(false)}
        />
      </Show>
      <AsyncView
        resource={segments}
        onRetry={refetch}
        isEmpty={(items) => items.length === 0}
        empty={<EmptyState title={t('list.empty')} />}
      >
        {(items) => (
          <TableCard
            class="segments-table"
            testId="segments"
            columns={[
              t('list.column.name'),
              { label: t('list.column.count'), class: 'table__number' },
              t('list.column.conditions'),
            ]}
          >
            <For each={items}>
              {(segment) => (
                <tr>
                  <th scope="row">
                    <A href={`/segments/${segment.id}`}>{segment.name}</A>
                    <Show when={segment.description}>
                      {(text) => <div class="muted segments-table__description">{text()}</div>}
                    </Show>
                  </th>
                  <td class="table__number segments-table__count">
                    <SegmentCount segmentId={segment.id} />
                  </td>
                  <td class="segments-table__conditions">
                    <SegmentFilterChips filter={segment.filter} />
                  </td>
                </tr>
              )}
            </For>
          </TableCard>
        )}
      </AsyncView>
    </Page>
  );
}
