import { createVirtualizer } from '@tanstack/solid-virtual';
import { createEffect, createMemo, For, Show } from 'solid-js';
import { useFormat } from '../../../lib/format/use-format.js';
import { useMessages } from '../../../lib/i18n/i18n-context.js';
import { customersListMessages } from '../list-messages.js';
import { aliveFigure, type ListedCustomer, lastInteractionOf } from './customer-figures.js';
import { type CustomerSort, type ListState, rfmSegments } from './list-query.js';
import { termInCell } from './term-in-cell.js';

/** Fixed row height: the virtualiser places rows without measuring them, so scrolling stays cheap. */
export const ROW_HEIGHT = 52;
/** Load the next page when the last rendered row is this close to the end of what is loaded. */
const PREFETCH_ROWS = 30;

export type CustomerTableProps = {
  items: readonly ListedCustomer[];
  state: ListState;
  /** Sorting by a header is off while a search decides the order. */
  sortable: boolean;
  onSort: (sort: CustomerSort) => void;
  selectable: boolean;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
  hasMore: boolean;
  loadingMore: boolean;
  onNearEnd: () => void;
  ownerName: (ownerId: string | undefined) => string;
  editable: boolean;
};

type Column = { key: string; label: string; sort?: CustomerSort; class?: string };

/**
 * The customer rows, virtualised: only the rows in view (plus overscan) are in the DOM, so 23,570
 * customers scroll like 50. It stays a real <table> (spacer rows above and below) for readers.
 */
export function CustomerTable(props: CustomerTableProps) {
  const t = useMessages(customersListMessages);
  const format = useFormat();
  let scroller: HTMLElement | undefined;
  const virtualizer = createVirtualizer({
    get count() {
      return props.items.length;
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => ROW_HEIGHT,
    // Rows beyond the view are not free: each scroll step lays out and paints the rendered rows
    // again (the scroll profile's Paint halved going from 12 to 4). 4 rows (208 px) on each side
    // still cover most of what the compositor can scroll ahead of the page in one frame.
    overscan: 4,
  });

  createEffect(() => {
    const rows = virtualizer.getVirtualItems();
    const last = rows[rows.length - 1];
    if (last && last.index >= props.items.length - PREFETCH_ROWS && props.hasMore && !props.loadingMore) {
      props.onNearEnd();
    }
  });

  const columns = (): Column[] => [
    { key: 'name', label: t('column.name'), sort: 'name', class: 'customer-table__name' },
    { key: 'kind', label: t('column.kind'), class: 'customer-table__kind' },
    { key: 'owner', label: t('column.owner'), class: 'customer-table__owner' },
    { key: 'tags', label: t('column.tags'), class: 'customer-table__tags' },
    { key: 'value', label: t('column.value'), sort: 'value', class: 'customer-table__value' },
    { key: 'pAlive', label: t('column.pAlive'), sort: 'pAlive', class: 'customer-table__number' },
    { key: 'clv', label: t('column.clv'), sort: 'clv', class: 'customer-table__number customer-table__clv' },
    {
      key: 'last',
      label: t('column.lastInteraction'),
      sort: 'lastInteractionAt',
      class: 'customer-table__last',
    },
  ];
  const columnCount = () => columns().length + (props.selectable ? 1 : 0);
  const allSelected = () => props.items.length > 0 && props.items.every((c) => props.selected.has(c.id));
  const someSelected = () => props.selected.size > 0 && !allSelected();
  const ariaSort = (column: Column) =>
    column.sort && props.sortable && props.state.sort === column.sort
      ? props.state.order === 'asc'
        ? 'ascending'
        : 'descending'
      : undefined;
  const paddingTop = () => virtualizer.getVirtualItems()[0]?.start ?? 0;
  const paddingBottom = () => {
    const rows = virtualizer.getVirtualItems();
    const last = rows[rows.length - 1];
    return last ? virtualizer.getTotalSize() - last.end : 0;
  };

  // Rows of the keyed <For> below: built once per index in view, so their accessors only rerun
  // when that customer, the selection or the language changes, never on a scroll step.
  const customerRow = (index: number) => (
    <Show when={props.items[index]}>
      {(customer) => {
        const scores = () => customer().scores;
        const selected = createMemo(() => props.selected.has(customer().id));
        const href = () => `/customers/${customer().id}`;
        return (
          <tr
            class="customer-table__row"
            classList={{ 'customer-table__row--selected': selected() }}
            aria-rowindex={index + 2}
            style={{ height: `${ROW_HEIGHT}px` }}
          >
            <Show when={props.selectable}>
              <td class="customer-table__select">
                <input
                  type="checkbox"
                  aria-label={t('select.row', { name: customer().name })}
                  checked={selected()}
                  onChange={() => props.onToggle(customer().id)}
                />
              </td>
            </Show>
            <td class="customer-table__name">
              <div class="customer-table__name-cell">
                {/* Plain links: the router handles clicks on every same-origin <a>, and its <A>
                    would add per-row memos over the location for an "active" state rows never have. */}
                <a href={href()} class="customer-table__link" title={customer().name}>
                  {customer().name}
                </a>
                <Show when={customer().archivedAt}>
                  <span class="badge badge--muted">{t('archivedBadge')}</span>
                </Show>
                <Show when={props.editable && !customer().archivedAt}>
                  <a
                    href={`${href()}/edit`}
                    class="customer-table__edit"
                    aria-label={`${t('row.edit')} ${customer().name}`}
                  >
                    {t('row.edit')}
                  </a>
                </Show>
              </div>
            </td>
            <td>
              <Show when={customer().kind}>
                {(kind) => {
                  const label = t(`kind.${kind()}` as 'kind.consumer');
                  return (
                    <div class="customer-table__clamp" title={label}>
                      {termInCell(label)}
                    </div>
                  );
                }}
              </Show>
            </td>
            <td>{props.ownerName(customer().ownerId)}</td>
            <td>
              <div class="customer-table__clamp" title={(customer().tags ?? []).join(', ')}>
                <For each={customer().tags ?? []}>{(tag) => <span class="badge">{tag}</span>}</For>
              </div>
            </td>
            <td>
              <div class="customer-table__clamp">
                <Show when={scores()?.abcClass}>
                  {(abc) => (
                    <span class={`badge badge--abc-${abc()}`}>{t('value.class', { class: abc() })}</span>
                  )}
                </Show>{' '}
                <Show when={scores()?.segment}>
                  {(segment) => {
                    const label = segmentLabel(segment(), (key) => t(key as 'segment.new'));
                    return (
                      <span class="customer-table__segment" title={label}>
                        {termInCell(label)}
                      </span>
                    );
                  }}
                </Show>
              </div>
            </td>
            <td class="customer-table__number">
              {(() => {
                const figure = aliveFigure(customer());
                if (figure.kind === 'share') return format.percent(figure.value, 0);
                if (figure.kind === 'no-repeat')
                  return (
                    <span
                      class="muted customer-table__note customer-table__clamp"
                      title={t('alive.noRepeat')}
                    >
                      {t('alive.noRepeatShort')}
                    </span>
                  );
                return (
                  <span class="muted" title={t('alive.unscored')}>
                    —
                  </span>
                );
              })()}
            </td>
            <td
              class="customer-table__number"
              title={
                scores()?.scoredAt
                  ? t('value.scoredAt', { date: format.date(scores()?.scoredAt as string) })
                  : undefined
              }
            >
              {typeof scores()?.clv === 'number' ? format.estimate(scores()?.clv as number) : '—'}
            </td>
            <td>
              {(() => {
                const last = lastInteractionOf(customer());
                return last ? format.date(last) : '—';
              })()}
            </td>
          </tr>
        );
      }}
    </Show>
  );

  return (
    <section
      class="customer-table__scroller"
      ref={(element) => {
        scroller = element;
      }}
      // The scroller is focusable so keyboard users can scroll it (and axe's scrollable-region rule).
      tabindex="0"
      aria-label={t('title')}
      data-scrolls-sideways
    >
      <table class="customer-table" aria-rowcount={props.items.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            <Show when={props.selectable}>
              <th scope="col" class="customer-table__select">
                <input
                  type="checkbox"
                  aria-label={t('select.all')}
                  checked={allSelected()}
                  ref={(element) =>
                    createEffect(() => {
                      element.indeterminate = someSelected();
                    })
                  }
                  onChange={() => props.onToggleAll()}
                />
              </th>
            </Show>
            <For each={columns()}>
              {(column) => (
                <th scope="col" class={column.class} aria-sort={ariaSort(column)}>
                  <Show when={column.sort && props.sortable} fallback={column.label}>
                    <button
                      type="button"
                      class="customer-table__sort"
                      onClick={() => column.sort && props.onSort(column.sort)}
                    >
                      {column.label}
                      <span aria-hidden="true" class="customer-table__sort-mark">
                        {ariaSort(column) === 'ascending'
                          ? '▲'
                          : ariaSort(column) === 'descending'
                            ? '▼'
                            : ''}
                      </span>
                    </button>
                  </Show>
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <SpacerRow height={paddingTop()} columns={columnCount()} />
          {/*
            Keyed rows: the virtualiser's items keep their identity per index (its store reconciles
            by index), so a scroll step creates the rows that come into view and drops the ones that
            leave; the rows in between keep their DOM untouched. (An <Index> here rewrote every
            cell of every rendered row on each step, and the browser relaid and repainted them all.)
          */}
          <For each={virtualizer.getVirtualItems()}>{(row) => customerRow(row.index)}</For>
          <SpacerRow height={paddingBottom()} columns={columnCount()} />
        </tbody>
      </table>
    </section>
  );
}

/**
 * The room above or below the rendered rows. One <tr> whose height follows the scroll: built
 * inline as `spacer(paddingTop())`, a new row replaced the old one on every scroll step, and each
 * swap of a table row made the browser lay the table out again (the profile's replaceChild and
 * cloneNode). Grid rows each placed with translateY instead of spacers were tried (README, web
 * bench row): less paint and layout, but twice the style recalculation and a worse A/B.
 */
function SpacerRow(props: { height: number; columns: number }) {
  return (
    <Show when={props.height > 0}>
      <tr class="customer-table__spacer" style={{ height: `${props.height}px` }}>
        <td colSpan={props.columns} />
      </tr>
    </Show>
  );
}

const knownSegments: ReadonlySet<string> = new Set(rfmSegments);

/** A segment's label in the catalog, or its raw name if the model names one the catalog lacks. */
export function segmentLabel(segment: string, translate: (key: string) => string): string {
  return knownSegments.has(segment) ? translate(`segment.${segment}`) : segment;
}
