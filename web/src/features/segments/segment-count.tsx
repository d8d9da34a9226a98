import { createResource, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { segmentsMessages } from './messages.js';

/** A saved segment's live count, asked for on its own so a long list shows while the counts come. */
export function SegmentCount(props: { segmentId: string }) {
  const t = useMessages(segmentsMessages);
  const format = useFormat();
  const api = useApi();
  const [count] = createResource(
    () => props.segmentId,
    (segmentId) => unwrap(api.GET('/v1/segments/{segmentId}/count', { params: { path: { segmentId } } })),
  );
  return (
    <Show when={count()} fallback={<span class="muted">…</span>}>
      {(answer) =>
        answer().capped
          ? t('list.countCapped', { count: format.number(answer().count) })
          : t('list.count', { count: format.number(answer().count) })
      }
    </Show>
  );
}
