import { For } from 'solid-js';
import { useFormat } from '../../lib/format/use-format.js';
import { type Translate as TranslateOf, useMessages } from '../../lib/i18n/i18n-context.js';
import { segmentsMessages } from './messages.js';
import { rfmSegmentLabel } from './rfm-segments.js';
import type { SegmentFilter } from './segment-filter-form.js';

type Translate = TranslateOf<typeof segmentsMessages>;
type Bounds = { min?: number; max?: number };

const rangeText = (t: Translate, bounds: Bounds, show: (value: number) => string) => {
  if (bounds.min !== undefined && bounds.max !== undefined) return `${show(bounds.min)}–${show(bounds.max)}`;
  if (bounds.min !== undefined) return t('chip.from', { min: show(bounds.min) });
  return t('chip.upTo', { max: show(bounds.max ?? 0) });
};

/** A saved filter in words, one phrase a condition, in the builder's order. */
export function filterChips(
  filter: SegmentFilter,
  t: Translate,
  money: (minorUnits: number) => string,
): string[] {
  const chips = [
    ...(filter.buyers ? [t(`builder.buyers.${filter.buyers}`)] : []),
    ...(filter.status ?? []).map((status) => t(`status.${status}`)),
    ...(filter.lifecycleStage ?? []).map((stage) => t(`stage.${stage}`)),
    ...(filter.abcClass ?? []).map((abc) => t('chip.class', { class: abc })),
    ...(filter.segment ?? []).map((segment) => `RFM ${rfmSegmentLabel(segment, t)}`),
    ...(filter.pAlive ? [t('chip.pAlive', { range: rangeText(t, filter.pAlive, String) })] : []),
    ...(filter.clv ? [t('chip.clv', { range: rangeText(t, filter.clv, money) })] : []),
    ...(filter.tags ?? []).map((tag) => t('chip.tag', { tag })),
    ...(filter.customField
      ? [t('chip.field', { key: filter.customField.key, value: String(filter.customField.value) })]
      : []),
    ...(filter.ownerId ? [t('chip.owner', { owner: filter.ownerId })] : []),
  ];
  return chips.length ? chips : [t('chip.everyone')];
}

/** The conditions of a segment as chips; a list so readers count them. */
export function SegmentFilterChips(props: { filter: SegmentFilter }) {
  const t = useMessages(segmentsMessages);
  const format = useFormat();
  return (
    <ul class="segment-chips" aria-label={t('chip.label')} data-testid="segment-chips">
      <For each={filterChips(props.filter, t, (minor) => format.money(minor))}>
        {(chip) => <li class="segment-chip">{chip}</li>}
      </For>
    </ul>
  );
}
