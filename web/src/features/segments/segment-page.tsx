import { useNavigate, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { Page } from '../../lib/ui/page.js';
import { segmentsMessages } from './messages.js';
import './segments.css';

type Customer = components['schemas']['Customer'];

/** One segment: its live count and its members, a page at a time. */
export function SegmentPage() {
  const t = useMessages(segmentsMessages);
  const api = useApi();
  const params = useParams<{ segmentId: string }>();
  const navigate = useNavigate();
  const [segment, { refetch }] = createResource(
    () => params.segmentId,
    (segmentId) => unwrap(api.GET('/v1/segments/{segmentId}', { params: { path: { segmentId } } })),
  );
  const [members, setMembers] = createSignal<Customer[]>([]);
  const [cursor, setCursor] = createSignal<string | null | undefined>(undefined);
  const more = async () => {
    const page = await unwrap(
      api.GET('/v1/segments/{segmentId}/members', {
        params: {
          path: { segmentId: params.segmentId },
          query: { limit: 50, ...(cursor() ? { cursor: cursor() as string } : {}) },
        },
      }),
    );
    setMembers([...members(), ...page.items]);
    setCursor(page.nextCursor);
  };
  void more();
  const remove = async () => {
    await unwrap(
      api.DELETE('/v1/segments/{segmentId}', {
        params: {
          path: { segmentId: params.segmentId },
          header: { 'if-match': String(segment()?.version ?? '') },
        },
      }),
    );
    navigate('/segments');
  };
  return (
    <AsyncView resource={segment} onRetry={refetch}>
      {(loaded) => (
        <Page
          title={loaded.name}
          term="客户细分"
          description={t('list.count', { count: loaded.count })}
          actions={
            <Button variant="danger" onClick={() => void remove()}>
              {t('detail.delete')}
            </Button>
          }
        >
          <h2>{t('detail.members')}</h2>
          <ul class="segment-members" data-testid="segment-members">
            <For each={members()}>{(customer) => <li>{customer.name}</li>}</For>
          </ul>
          <Show when={cursor()}>
            <Button variant="secondary" onClick={() => void more()}>
              {t('detail.more')}
            </Button>
          </Show>
        </Page>
      )}
    </AsyncView>
  );
}
