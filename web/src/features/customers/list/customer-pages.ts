import { batch, createSignal } from 'solid-js';
import { pageWithItems } from '../../../lib/api/page-with-items.js';
import type { ListedCustomer } from './customer-figures.js';
import type { ListState } from './list-query.js';

export type CustomerPage = { items: ListedCustomer[]; nextCursor: string | null };

/**
 * The loaded rows of the customer list: the first page of a query, then the next pages as the user
 * scrolls (the API's cursors). A new query replaces everything, and answers that arrive after the
 * query changed are dropped. A page a filter left empty (the server stops at a read budget) is
 * read on from its cursor, so "no customers match" means none do. While a new query loads, the old rows stay on screen (no flicker on
 * every keystroke of a search).
 */
export function createCustomerPages(fetchPage: (state: ListState, cursor?: string) => Promise<CustomerPage>) {
  const [items, setItems] = createSignal<ListedCustomer[]>([]);
  const [nextCursor, setNextCursor] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = createSignal<unknown>();
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [moreError, setMoreError] = createSignal<unknown>();
  let generation = 0;
  let current: ListState | undefined;

  const load = async (state: ListState) => {
    const mine = ++generation;
    current = state;
    batch(() => {
      setStatus('loading');
      setError(undefined);
      setMoreError(undefined);
      setLoadingMore(false);
    });
    try {
      const page = await pageWithItems((cursor) => fetchPage(state, cursor));
      if (mine !== generation) return;
      batch(() => {
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setStatus('ready');
      });
    } catch (caught) {
      if (mine !== generation) return;
      batch(() => {
        setError(() => caught);
        setStatus('error');
      });
    }
  };

  const loadMore = async () => {
    const cursor = nextCursor();
    if (!cursor || !current || loadingMore() || status() !== 'ready') return;
    const mine = generation;
    batch(() => {
      setLoadingMore(true);
      setMoreError(undefined);
    });
    try {
      const query = current;
      const page = await pageWithItems((after) => fetchPage(query, after), cursor);
      if (mine !== generation) return;
      batch(() => {
        const seen = new Set(items().map((customer) => customer.id));
        setItems((previous) => [...previous, ...page.items.filter((customer) => !seen.has(customer.id))]);
        setNextCursor(page.nextCursor);
      });
    } catch (caught) {
      if (mine === generation) setMoreError(() => caught);
    } finally {
      if (mine === generation) setLoadingMore(false);
    }
  };

  return {
    items,
    nextCursor,
    status,
    error,
    loadingMore,
    moreError,
    load,
    loadMore,
    reload: () => (current ? load(current) : Promise.resolve()),
    /** Shows a customer as a bulk action left it, without reloading the pages. */
    replace: (customer: ListedCustomer) =>
      setItems((previous) => previous.map((existing) => (existing.id === customer.id ? customer : existing))),
    /** Drops customers that left this list (archived from the live list). */
    remove: (ids: ReadonlySet<string>) =>
      setItems((previous) => previous.filter((customer) => !ids.has(customer.id))),
  };
}

export type CustomerPages = ReturnType<typeof createCustomerPages>;
