import type { components } from '../../lib/api/schema.js';

export type SegmentFilter = components['schemas']['SegmentFilter'];

/** What the builder's inputs hold: text as typed, turned into a filter only when sent. */
export type SegmentDraft = {
  buyers: '' | 'none' | 'new' | 'returning';
  status: string[];
  abcClass: string[];
  rfm: string[];
  pAliveMin: string;
  pAliveMax: string;
  clvMin: string;
  clvMax: string;
  tags: string;
  fieldKey: string;
  fieldValue: string;
};

export const emptyDraft = (): SegmentDraft => ({
  buyers: '',
  status: [],
  abcClass: [],
  rfm: [],
  pAliveMin: '',
  pAliveMax: '',
  clvMin: '',
  clvMax: '',
  tags: '',
  fieldKey: '',
  fieldValue: '',
});

const list = (text: string) =>
  text
    .split(/[,，]/)
    .map((item) => item.trim())
    .filter(Boolean);

const range = (min: string, max: string) => {
  const bounds = {
    ...(min.trim() ? { min: Number(min) } : {}),
    ...(max.trim() ? { max: Number(max) } : {}),
  };
  return Object.keys(bounds).length ? bounds : undefined;
};

const bound = (value: number | undefined) => (value === undefined ? '' : String(value));

/** The filter the API takes; empty inputs add no condition (the server checks the rest). */
export function filterOf(draft: SegmentDraft): SegmentFilter {
  const pAlive = range(draft.pAliveMin, draft.pAliveMax);
  const clv = range(draft.clvMin, draft.clvMax);
  const tags = list(draft.tags);
  return {
    ...(draft.buyers ? { buyers: draft.buyers } : {}),
    ...(draft.status.length ? { status: draft.status as SegmentFilter['status'] } : {}),
    ...(draft.abcClass.length ? { abcClass: draft.abcClass as SegmentFilter['abcClass'] } : {}),
    ...(draft.rfm.length ? { segment: draft.rfm } : {}),
    ...(pAlive ? { pAlive } : {}),
    ...(clv ? { clv } : {}),
    ...(tags.length ? { tags } : {}),
    ...(draft.fieldKey.trim() && draft.fieldValue.trim()
      ? { customField: { key: draft.fieldKey.trim(), value: draft.fieldValue.trim() } }
      : {}),
  };
}

/**
 * The inputs that show a saved filter, so the builder can edit it. Conditions the builder has no
 * input for (lifecycle stage, owner) are not in the draft: `filterOf(draftOf(f))` keeps them only
 * when the caller spreads the original filter under it (see `editedFilter`).
 */
export function draftOf(filter: SegmentFilter): SegmentDraft {
  return {
    buyers: filter.buyers ?? '',
    status: [...(filter.status ?? [])],
    abcClass: [...(filter.abcClass ?? [])],
    rfm: [...(filter.segment ?? [])],
    pAliveMin: bound(filter.pAlive?.min),
    pAliveMax: bound(filter.pAlive?.max),
    clvMin: bound(filter.clv?.min),
    clvMax: bound(filter.clv?.max),
    tags: (filter.tags ?? []).join(', '),
    fieldKey: filter.customField?.key ?? '',
    fieldValue: filter.customField === undefined ? '' : String(filter.customField.value),
  };
}

/**
 * The filter an edit saves: what the builder shows, plus the saved conditions it has no input for
 * (lifecycle stage, owner), which an edit in this screen must not drop silently.
 */
export function editedFilter(saved: SegmentFilter, draft: SegmentDraft): SegmentFilter {
  const filter: SegmentFilter = {
    ...(saved.lifecycleStage ? { lifecycleStage: saved.lifecycleStage } : {}),
    ...(saved.ownerId ? { ownerId: saved.ownerId } : {}),
    ...filterOf(draft),
  };
  // The inputs hold text: an untouched number or yes/no value keeps its saved type.
  const field = saved.customField;
  if (field && filter.customField?.key === field.key && filter.customField.value === String(field.value)) {
    filter.customField = field;
  }
  return filter;
}
