import { A, useSearchParams } from '@solidjs/router';
import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  For,
  Match,
  on,
  onCleanup,
  Show,
  Switch,
} from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useLocale, useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { Page } from '../../lib/ui/page.js';
import { EmptyState, ErrorState, LoadingState } from '../../lib/ui/states.js';
import { BulkBar } from './list/bulk-bar.js';
import type { Customer, ListedCustomer } from './list/customer-figures.js';
import { createCustomerPages } from './list/customer-pages.js';
import { CustomerTable } from './list/customer-table.js';
import { ListFilters, type OwnerOption, SelectField, type TierOption } from './list/list-filters.js';
import {
  activeFilterCount,
  apiQueryOf,
  type CustomerSort,
  customerSorts,
  defaultListState,
  type ListState,
  listStateFrom,
  searchOverridesSort,
  searchParamsOf,
} from './list/list-query.js';
import { SavedViewsPicker } from './list/saved-views-picker.js';
import { customersListMessages } from './list-messages.js';
import './customers.css';

const SEARCH_DEBOUNCE_MS = 300;

/** Downloads a blob under a file name (the export answers with CSV the browser should save). */
function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The customer list (客户): server-paged with the API's cursors, rows virtualised; sort, filters,
 * prefix search and saved views live in the URL; bulk tag and archive over the selection.
 */
export function CustomersListPage() {
  const t = useMessages(customersListMessages);
  const { locale } = useLocale();
  const api = useApi();
  const { session } = useAuth();
  const [params, setParams] = useSearchParams();
  const role = () => session()?.user.role;
  const isPartner = () => role() === 'partner';
  const isAdmin = () => role() === 'owner' || role() === 'admin';

  // The state is the URL's; the memo compares by value so unrelated URL changes reload nothing.
  const state = createMemo(() => listStateFrom(params), defaultListState, {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  const change = (next: Partial<ListState>) =>
    setParams(searchParamsOf({ ...state(), ...next }), { replace: true });

  const pages = createCustomerPages(async (listState, cursor) =>
    unwrap(api.GET('/v1/customers', { params: { query: apiQueryOf(listState, cursor) } })),
  );
  createEffect(on(state, (current) => void pages.load(current)));

  // Search: the field answers at once, the query follows after a pause in typing.
  const [search, setSearch] = createSignal(state().q);
  createEffect(
    on(
      () => state().q,
      (q) => setSearch(q),
      { defer: true },
    ),
  );
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  const onSearchInput = (value: string) => {
    setSearch(value);
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => change({ q: value.trim() }), SEARCH_DEBOUNCE_MS);
  };
  onCleanup(() => clearTimeout(searchTimer));

  // Owners by name: only admins may list users (GET /v1/users); others see "me" or "another user".
  const [users] = createResource(
    () => (isAdmin() ? true : undefined),
    () => unwrap(api.GET('/v1/users')),
  );
  // Memoised: every rendered row asks for its owner's name.
  const owners = createMemo((): OwnerOption[] => {
    const me = session()?.user;
    const listed = users.state === 'ready' ? users().items : [];
    const named = listed.map((user) => ({
      id: user.id,
      name: user.id === me?.id ? t('owner.me') : user.name || user.email,
    }));
    if (me && !named.some((owner) => owner.id === me.id)) named.unshift({ id: me.id, name: t('owner.me') });
    return named;
  });
  const ownerNames = createMemo(() => new Map(owners().map((owner) => [owner.id, owner.name])));
  const ownerName = (ownerId: string | undefined) => {
    if (!ownerId) return t('owner.none');
    return ownerNames().get(ownerId) ?? t('owner.other');
  };
  const [customFields] = createResource(
    () => (isPartner() ? undefined : true),
    () => unwrap(api.GET('/v1/custom-fields')),
  );
  const liveCustomFields = () =>
    customFields.state === 'ready' ? customFields().items.filter((field) => !field.archived) : [];
  const [tierPolicy] = createResource(
    () => (isPartner() ? undefined : true),
    () => unwrap(api.GET('/v1/members/tier-policy')),
  );
  const tiers = (): TierOption[] =>
    tierPolicy.state === 'ready'
      ? tierPolicy().policy.tiers.map((tier) => ({
          key: tier.key,
          name: locale() === 'zh-CN' ? tier.name.zh : tier.name.en,
        }))
      : [];

  const [filtersOpen, setFiltersOpen] = createSignal(activeFilterCount(state()) > 0);

  // Selection: ids of loaded rows; a new query starts with nothing selected.
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  createEffect(on(state, () => setSelected(new Set<string>()), { defer: true }));
  const toggle = (id: string) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = () => {
    const items = pages.items();
    const all = items.length > 0 && items.every((customer) => selected().has(customer.id));
    setSelected(all ? new Set<string>() : new Set(items.map((customer) => customer.id)));
  };
  const selectedCustomers = (): ListedCustomer[] => pages.items().filter((c) => selected().has(c.id));
  const applied = (action: 'tag' | 'archive', changed: Customer[]) => {
    if (action === 'archive' && !state().archived) {
      pages.remove(new Set(changed.map((customer) => customer.id)));
    } else {
      for (const customer of changed) pages.replace(customer);
    }
  };

  const sortBy = (sort: CustomerSort) =>
    change(
      state().sort === sort
        ? { order: state().order === 'asc' ? 'desc' : 'asc' }
        : { sort, order: sort === 'name' ? 'asc' : 'desc' },
    );

  const [exporting, setExporting] = createSignal(false);
  const [exportError, setExportError] = createSignal<string>();
  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      const blob = await unwrap(api.GET('/v1/customers/export', { parseAs: 'blob' }));
      saveBlob(blob as Blob, `customers-${new Date().toISOString().slice(0, 10)}.csv`);
    } catch (error) {
      setExportError(t('export.failed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setExporting(false);
    }
  };

  const filtered = () => state().q !== '' || activeFilterCount(state()) > 0;

  return (
    <Page
      title={t('title')}
      term="客户"
      description={t('description')}
      actions={
        <Show when={!isPartner()}>
          <Button
            variant="secondary"
            onClick={() => void exportCsv()}
            disabled={exporting()}
            title={t('export.hint')}
          >
            {t('export')}
          </Button>
          <A href="/customers/new" class="button button--primary">
            {t('new')}
          </A>
        </Show>
      }
    >
      <Show when={exportError()}>
        <p class="form__error" role="alert">
          {exportError()}
        </p>
      </Show>
      <div class="list-toolbar">
        <div class="field field--compact list-toolbar__search">
          <label class="field__label" for="customer-search">
            {t('search')}
          </label>
          <input
            id="customer-search"
            class="field__input"
            type="search"
            placeholder={t('search.placeholder')}
            maxLength={100}
            value={search()}
            onInput={(event) => onSearchInput(event.currentTarget.value)}
          />
        </div>
        <SelectField
          id="customer-sort"
          label={t('sort.label')}
          value={state().sort}
          onChange={(sort) => change({ sort: sort as CustomerSort })}
        >
          <For each={customerSorts}>{(sort) => <option value={sort}>{t(`sortName.${sort}`)}</option>}</For>
        </SelectField>
        <Button
          variant="secondary"
          class="list-toolbar__order"
          onClick={() => change({ order: state().order === 'asc' ? 'desc' : 'asc' })}
          aria-label={`${t('sort.label')}: ${state().order === 'asc' ? t('sort.asc') : t('sort.desc')}`}
        >
          {state().order === 'asc' ? '↑' : '↓'} {state().order === 'asc' ? t('sort.asc') : t('sort.desc')}
        </Button>
        <Show when={session()}>
          {(current) => (
            <SavedViewsPicker
              tenantId={current().tenant.id}
              userId={current().user.id}
              state={state()}
              onApply={(view) => setParams(searchParamsOf(view), { replace: true })}
            />
          )}
        </Show>
        <Button
          variant="secondary"
          aria-expanded={filtersOpen()}
          aria-controls="customer-filters"
          onClick={() => setFiltersOpen(!filtersOpen())}
        >
          {activeFilterCount(state()) > 0
            ? t('filters.active', { count: activeFilterCount(state()) })
            : t('filters')}
        </Button>
      </div>
      <Show when={filtersOpen()}>
        <ListFilters
          state={state()}
          onChange={change}
          owners={owners()}
          customFields={liveCustomFields()}
          tiers={tiers()}
        />
      </Show>
      <Show when={searchOverridesSort(state())}>
        <p class="muted list-note">{t('search.ordered')}</p>
      </Show>
      <Show when={selected().size > 0 && !isPartner()}>
        <BulkBar
          selected={selectedCustomers()}
          onClear={() => setSelected(new Set<string>())}
          onApplied={applied}
          onFinished={() => setSelected(new Set<string>())}
        />
      </Show>

      <Switch>
        <Match when={pages.status() === 'error'}>
          <ErrorState error={pages.error()} onRetry={() => void pages.reload()} />
        </Match>
        <Match when={pages.status() === 'loading' && pages.items().length === 0}>
          <LoadingState />
        </Match>
        <Match when={pages.status() === 'ready' && pages.items().length === 0}>
          <Show
            when={filtered()}
            fallback={
              <EmptyState
                title={t('empty')}
                action={
                  <div class="list-empty__actions">
                    <A href="/customers/new" class="button button--primary">
                      {t('new')}
                    </A>
                    <A href="/imports" class="button button--secondary">
                      {t('import.link')}
                    </A>
                  </div>
                }
              >
                {t('empty.body')}
              </EmptyState>
            }
          >
            <EmptyState
              title={t('empty.filtered')}
              action={
                <Button
                  variant="secondary"
                  onClick={() => setParams(searchParamsOf(defaultListState), { replace: true })}
                >
                  {t('filters.clear')}
                </Button>
              }
            >
              {t('empty.filtered.body')}
            </EmptyState>
          </Show>
        </Match>
        <Match when={pages.items().length > 0}>
          <div class="customer-list" aria-busy={pages.status() === 'loading'}>
            <CustomerTable
              items={pages.items()}
              state={state()}
              sortable={!searchOverridesSort(state())}
              onSort={sortBy}
              selectable={!isPartner()}
              selected={selected()}
              onToggle={toggle}
              onToggleAll={toggleAll}
              hasMore={pages.nextCursor() !== null && !pages.moreError()}
              loadingMore={pages.loadingMore()}
              onNearEnd={() => void pages.loadMore()}
              ownerName={ownerName}
              editable={!isPartner()}
            />
            <div class="customer-list__footer" role="status" aria-live="polite">
              <span>
                {pages.nextCursor()
                  ? t('count.more', { count: pages.items().length })
                  : t('count', { count: pages.items().length })}
              </span>
              <Show when={pages.loadingMore() || pages.status() === 'loading'}>
                <span class="customer-list__loading">
                  <span class="spinner" aria-hidden="true" /> {t('loadingMore')}
                </span>
              </Show>
              <Show when={pages.moreError()}>
                <span class="form__error">{t('loadMore.failed')}</span>
                <Button variant="secondary" onClick={() => void pages.loadMore()}>
                  {t('loadMore.retry')}
                </Button>
              </Show>
            </div>
          </div>
        </Match>
      </Switch>
    </Page>
  );
}
