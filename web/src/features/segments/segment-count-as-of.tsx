import { Show } from 'solid-js';
import type { components } from '../../lib/api/schema.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { segmentsMessages } from './messages.js';

type Counted = Pick<components['schemas']['SegmentCount'], 'source' | 'asOf'>;

/**
 * "counted as of …" when a count came from the customer figures snapshot (books of 2,000 customers
 * or more): a customer tagged or scored since then is not in it yet. Nothing for a live count.
 */
export function SegmentCountAsOf(props: { counted: Partial<Counted> | undefined }) {
  const t = useMessages(segmentsMessages);
  const format = useFormat();
  return (
    <Show when={props.counted?.source === 'snapshot' ? props.counted.asOf : null}>
      {(asOf) => (
        <p class="segment-count__as-of muted" data-testid="segment-count-as-of">
          {t('count.asOf', { at: format.date(asOf(), true) })}
        </p>
      )}
    </Show>
  );
}
