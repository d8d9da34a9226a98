import { For, type JSX, Show } from 'solid-js';
import type { CursorList } from '../api/cursor-list.js';
import { AsyncView } from './async-view.js';
import { Button } from './button.js';
import type { TableColumn } from './scroll-table.js';
import { TableCard } from './table-card.js';

/**
 * A `createCursorList` as a list screen's table: loading, error with retry, the empty state, then a
 * row an item and a "more" button while the list has a cursor.
 *
 * @example
 * <CursorTable list={alerts} columns={[t('column.customer')]} empty={<EmptyState title={t('empty')} />}
 *   moreLabel={t('more')}>
 *   {(alert) => <tr><th scope="row">{alert.customerName}</th></tr>}
 * </CursorTable>
 */
export function CursorTable<T>(props: {
  list: CursorList<T>;
  /** Classes besides `table`, e.g. `alerts-table`. */
  class?: string;
  columns: readonly TableColumn[];
  empty: JSX.Element;
  moreLabel: string;
  children: (item: T) => JSX.Element;
}) {
  return (
    <AsyncView
      resource={props.list.items}
      onRetry={props.list.refetch}
      isEmpty={props.list.isEmpty}
      empty={props.empty}
    >
      {(items) => (
        <TableCard
          class={props.class}
          columns={props.columns}
          footer={
            <Show when={props.list.hasMore()}>
              <Button variant="secondary" onClick={props.list.more}>
                {props.moreLabel}
              </Button>
            </Show>
          }
        >
          <For each={items}>{(item) => props.children(item)}</For>
        </TableCard>
      )}
    </AsyncView>
  );
}
