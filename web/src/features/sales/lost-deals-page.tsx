import { createResource, For } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useUserDirectory } from '../../lib/auth/user-directory.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Page } from '../../lib/ui/page.js';
import { ScrollTable } from '../../lib/ui/scroll-table.js';
import { EmptyState } from '../../lib/ui/states.js';
import { salesMessages } from './messages.js';
import { SalesTabs } from './sales-tabs.js';
import { useStageKeyName } from './stage-name.js';
import './sales.css';
import '../../lib/ui/admin-screen.css';

type Group = components['schemas']['LostDealGroup'];
type Report = components['schemas']['LostDealReport'];

/** The lost-deal report (竞争丢单): the last year's lost deals by reason, competitor, stage and owner. */
export function LostDealsPage() {
  const t = useMessages(salesMessages);
  const api = useApi();
  const format = useFormat();
  const [report, { refetch }] = createResource(async () => unwrap(api.GET('/v1/sales/lost-deals')));
  // Stages and owners are grouped by key and id; the reader needs their names.
  const [setup] = createResource(() =>
    unwrap(api.GET('/v1/pipelines')).then(
      (found) => found.pipelines,
      () => undefined,
    ),
  );
  const stageKeyName = useStageKeyName();
  const { userName: ownerName } = useUserDirectory(() => t('lost.otherOwner'));
  const table = (title: string, groups: Group[], label: (key: string) => string) => (
    <section class="card table-card" aria-label={title}>
      <h2>{title}</h2>
      <div class="admin-screen">
        <ScrollTable columns={[title, t('lost.count'), t('lost.amount')]}>
          <For each={groups}>
            {(group) => (
              <tr>
                <th scope="row">{group.key === null ? t('lost.none') : label(group.key)}</th>
                <td>{group.count}</td>
                <td>{format.money(group.amount)}</td>
              </tr>
            )}
          </For>
        </ScrollTable>
      </div>
    </section>
  );
  return (
    <Page title={t('lost.title')} term="竞争丢单" description={t('lost.description')}>
      <SalesTabs />
      <AsyncView
        resource={report}
        onRetry={refetch}
        isEmpty={(data: Report) => data.total.count === 0}
        empty={<EmptyState title={t('lost.empty')} />}
      >
        {(data) => (
          <div class="sales-report">
            {table(t('lost.byReason'), data.byReason, (key) => t(`reason.${key as 'price'}`))}
            {table(t('lost.byCompetitor'), data.byCompetitor, (key) => key)}
            {table(t('lost.byStage'), data.byStage, (key) => stageKeyName(setup(), key))}
            {table(t('lost.byOwner'), data.byOwner, ownerName)}
          </div>
        )}
      </AsyncView>
    </Page>
  );
}
