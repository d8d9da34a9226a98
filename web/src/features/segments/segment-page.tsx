import { useNavigate, useParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { Page } from '../../lib/ui/page.js';
import { ConfirmDialog } from '../settings/admin-dialog.js';
import { segmentsMessages } from './messages.js';
import { SegmentBuilder } from './segment-builder.js';
import { SegmentCountAsOf } from './segment-count-as-of.js';
import { SegmentFilterChips } from './segment-filter-chips.js';
import { SegmentMembers } from './segment-members.js';
import './segments.css';

/** One segment: its conditions in words, its live count, its members; edit or delete (after asking). */
export function SegmentPage() {
  const t = useMessages(segmentsMessages);
  const format = useFormat();
  const api = useApi();
  const params = useParams<{ segmentId: string }>();
  const navigate = useNavigate();
  const [segment, { refetch, mutate }] = createResource(
    () => params.segmentId,
    (segmentId) => unwrap(api.GET('/v1/segments/{segmentId}', { params: { path: { segmentId } } })),
  );
  const [editing, setEditing] = createSignal(false);
  const [deleting, setDeleting] = createSignal(false);
  // The drafts a delete strands (the API refuses to send them after): named in the question.
  const [drafts] = createResource(
    () => (deleting() ? params.segmentId : undefined),
    async (segmentId) =>
      (await unwrap(api.GET('/v1/campaigns', { params: { query: { limit: 200 } } }))).items.filter(
        (campaign) => campaign.segmentId === segmentId && campaign.status === 'draft',
      ),
  );
  const deleteBody = () => {
    const stranded = drafts() ?? [];
    return stranded.length
      ? `${t('detail.deleteBody')} ${t('detail.deleteDrafts', { names: stranded.map((c) => `“${c.name}”`).join(', ') })}`
      : t('detail.deleteBody');
  };
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
          description={
            loaded.capped
              ? t('list.countCapped', { count: format.number(loaded.count) })
              : t('list.count', { count: format.number(loaded.count) })
          }
          actions={
            <Show when={!editing()}>
              <Button variant="secondary" onClick={() => setEditing(true)}>
                {t('detail.edit')}
              </Button>
              <Button variant="danger" onClick={() => setDeleting(true)}>
                {t('detail.delete')}
              </Button>
            </Show>
          }
        >
          <SegmentCountAsOf counted={loaded} />
          <Show
            when={editing()}
            fallback={
              <section class="card segment-conditions" aria-labelledby="segment-conditions-title">
                <h2 id="segment-conditions-title" class="card__title">
                  {t('detail.conditions')}
                </h2>
                <Show when={loaded.description}>{(text) => <p>{text()}</p>}</Show>
                <SegmentFilterChips filter={loaded.filter} />
              </section>
            }
          >
            <SegmentBuilder
              segment={loaded}
              onSaved={(saved) => {
                mutate(saved);
                setEditing(false);
              }}
              onCancel={() => setEditing(false)}
            />
          </Show>
          <Show when={!editing()}>
            <SegmentMembers segmentId={loaded.id} />
          </Show>
          <ConfirmDialog
            open={deleting()}
            onOpenChange={setDeleting}
            title={t('detail.deleteTitle', { name: loaded.name })}
            body={deleteBody()}
            confirmLabel={t('detail.deleteConfirm')}
            onConfirm={remove}
          />
        </Page>
      )}
    </AsyncView>
  );
}
