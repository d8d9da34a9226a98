import type { paths } from '../../../lib/api/schema.js';

/** The query GET /v1/customers accepts, as the generated client types it. */
export type CustomerListQuery = NonNullable<paths['/v1/customers']['get']['parameters']['query']>;
export type CustomerSort = NonNullable<CustomerListQuery['sort']>;
export type SortOrder = NonNullable<CustomerListQuery['order']>;
export type CustomerStatus = NonNullable<CustomerListQuery['status']>;
export type LifecycleStage = NonNullable<CustomerListQuery['lifecycleStage']>;

export const customerSorts: readonly CustomerSort[] = [
  'name',
  'createdAt',
  'lastInteractionAt',
  'value',
  'pAlive',
  'clv',
];
export const customerStatuses: readonly CustomerStatus[] = ['prospect', 'active', 'dormant', 'lost'];
export const lifecycleStages: readonly LifecycleStage[] = [
  'identification',
  'development',
  'stability',
  'decline',
];
/** The RFM segments the analytics model names (packages/analytics rfm.ts). */
export const rfmSegments = [
  'champions',
  'loyal',
  'potential-loyalist',
  'new',
  'promising',
  'need-attention',
  'cant-lose',
  'at-risk',
  'hibernating',
  'lost',
] as const;

/**
 * What the list shows: sort, filters and search. It lives in the URL (back/forward and links keep
 * it) and in saved views; every field is a plain string so both stores hold it as is.
 */
export type ListState = {
  sort: CustomerSort;
  order: SortOrder;
  q: string;
  archived: boolean;
  status: CustomerStatus | '';
  tag: string;
  ownerId: string;
  lifecycleStage: LifecycleStage | '';
  segment: string;
  /** A member tier's key (会员等级); the lowest tier also lists customers without one. */
  tier: string;
  /** Custom field equality: the field's key and the value typed. */
  customFieldKey: string;
  customFieldValue: string;
};

export const defaultListState: ListState = {
  sort: 'createdAt',
  order: 'desc',
  q: '',
  archived: false,
  status: '',
  tag: '',
  ownerId: '',
  lifecycleStage: '',
  segment: '',
  tier: '',
  customFieldKey: '',
  customFieldValue: '',
};

export const PAGE_SIZE = 100;

const oneOf = <T extends string>(allowed: readonly T[], value: string | undefined): T | undefined =>
  allowed.find((candidate) => candidate === value);

type Params = Partial<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** Reads the list state from URL search parameters (or a saved view); unknown values fall back. */
export function listStateFrom(params: Params): ListState {
  const get = (key: string) => first(params[key])?.trim() ?? '';
  return {
    sort: oneOf(customerSorts, get('sort')) ?? defaultListState.sort,
    order: oneOf(['asc', 'desc'] as const, get('order')) ?? defaultListState.order,
    q: get('q').slice(0, 100),
    archived: get('archived') === 'true',
    status: oneOf(customerStatuses, get('status')) ?? '',
    tag: get('tag').slice(0, 40),
    ownerId: get('ownerId'),
    lifecycleStage: oneOf(lifecycleStages, get('lifecycleStage')) ?? '',
    segment: get('segment').slice(0, 40),
    tier: get('tier').slice(0, 30),
    customFieldKey: get('customFieldKey'),
    customFieldValue: get('customFieldValue'),
  };
}

/** The URL search parameters of a state: only what differs from the default, so links stay short. */
export function searchParamsOf(state: ListState): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(defaultListState) as (keyof ListState)[]) {
    const value = state[key];
    out[key] = value === defaultListState[key] ? undefined : String(value);
  }
  return out;
}

/**
 * The API query of a state. A name search is answered from the name index, so the API orders its
 * results by name whatever the sort; the list says so rather than pretending otherwise.
 */
export function apiQueryOf(state: ListState, cursor?: string): CustomerListQuery {
  const query: CustomerListQuery = {
    limit: PAGE_SIZE,
    sort: state.sort,
    order: state.order,
    archived: state.archived ? 'true' : 'false',
  };
  if (cursor) query.cursor = cursor;
  if (state.q) query.q = state.q;
  if (state.status) query.status = state.status;
  if (state.tag) query.tag = state.tag;
  if (state.ownerId) query.ownerId = state.ownerId;
  if (state.lifecycleStage) query.lifecycleStage = state.lifecycleStage;
  if (state.segment) query.segment = state.segment;
  if (state.tier) query.tier = state.tier;
  if (state.customFieldKey && state.customFieldValue) {
    query.customField = `${state.customFieldKey}:${state.customFieldValue}`;
  }
  return query;
}

/** True when a search decides the order (names, e-mails and phones are searched by prefix index). */
export function searchOverridesSort(state: ListState): boolean {
  return state.q.length > 0;
}

export function activeFilterCount(state: ListState): number {
  return [
    state.archived,
    state.status,
    state.tag,
    state.ownerId,
    state.lifecycleStage,
    state.segment,
    state.tier,
    state.customFieldKey && state.customFieldValue,
  ].filter(Boolean).length;
}
