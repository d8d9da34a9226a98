import type { components } from '../../lib/api/schema.js';

export type SegmentFilter = components['schemas']['SegmentFilter'];

/** What the builder's inputs hold: text as typed, turned into a filter only when sent. */
export type SegmentDraft = {
  buyers: '' | 'none' | 'new' | 'returning';
  status: string[];
  abcClass: string[];
  rfm: string;
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
  rfm: '',
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

/** The filter the API takes; empty inputs add no condition (the server checks the rest). */
export function filterOf(draft: SegmentDraft): SegmentFilter {
  const pAlive = range(draft.pAliveMin, draft.pAliveMax);
  const clv = range(draft.clvMin, draft.clvMax);
  const rfm = list(draft.rfm);
  const tags = list(draft.tags);
  return {
    ...(draft.buyers ? { buyers: draft.buyers } : {}),
    ...(draft.status.length ? { status: draft.status as SegmentFilter['status'] } : {}),
    ...(draft.abcClass.length ? { abcClass: draft.abcClass as SegmentFilter['abcClass'] } : {}),
    ...(rfm.length ? { segment: rfm } : {}),
    ...(pAlive ? { pAlive } : {}),
    ...(clv ? { clv } : {}),
    ...(tags.length ? { tags } : {}),
    ...(draft.fieldKey.trim() && draft.fieldValue.trim()
      ? { customField: { key: draft.fieldKey.trim(), value: draft.fieldValue.trim() } }
      : {}),
  };
}
