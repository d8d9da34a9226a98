import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useFieldErrors } from '../../lib/api/field-issue-text.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormActions } from '../../lib/ui/form-actions.js';
import { FormField } from '../../lib/ui/form-field.js';
import { createVersionedSave, VersionConflictDialog } from '../../lib/ui/version-conflict.js';
import { segmentsMessages } from './messages.js';
import { rfmSegmentLabel, rfmSegments } from './rfm-segments.js';
import { SegmentCountAsOf } from './segment-count-as-of.js';
import { SegmentFilterChips } from './segment-filter-chips.js';
import {
  draftOf,
  editedFilter,
  emptyDraft,
  filterOf,
  type SegmentDraft,
  type SegmentFilter,
} from './segment-filter-form.js';

type CountedSegment = components['schemas']['CountedSegment'];
type SegmentChange = { name: string; description: string | null; filter: SegmentFilter };
const COUNT_DELAY_MS = 300;
const statuses = ['prospect', 'active', 'dormant', 'lost'] as const;
const classes = ['A', 'B', 'C'] as const;

/**
 * Builds a segment's filter with a live count of the customers it matches, then saves it: a new
 * segment, or — given `segment` — an edit of that one at the version it was read (409 → the
 * newer version, to reapply or keep).
 */
export function SegmentBuilder(props: {
  segment?: CountedSegment;
  onSaved: (segment: CountedSegment) => void;
  onCancel?: () => void;
}) {
  const fieldErrorsIn = useFieldErrors();
  const t = useMessages(segmentsMessages);
  const format = useFormat();
  const api = useApi();
  const form = createForm();
  const saved = props.segment;
  const initial = saved ? draftOf(saved.filter) : emptyDraft();
  const [name, setName] = createSignal(saved?.name ?? '');
  const [description, setDescription] = createSignal(saved?.description ?? '');
  const [draft, setDraft] = createSignal<SegmentDraft>(initial);
  const filter = (current: SegmentDraft) => (saved ? editedFilter(saved.filter, current) : filterOf(current));
  const [debounced, setDebounced] = createSignal(filter(initial));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const change = (patch: Partial<SegmentDraft>) => {
    const next = { ...draft(), ...patch };
    setDraft(next);
    clearTimeout(timer);
    timer = setTimeout(() => setDebounced(filter(next)), COUNT_DELAY_MS);
  };
  const [count] = createResource(debounced, (current) =>
    unwrap(api.POST('/v1/segments/preview', { body: current })).catch((error: unknown) => ({ error })),
  );
  const toggle = (key: 'status' | 'abcClass' | 'rfm', value: string) =>
    change({
      [key]: draft()[key].includes(value)
        ? draft()[key].filter((v) => v !== value)
        : [...draft()[key], value],
    });
  const fieldError = (path: string) => {
    const current = count();
    return (
      form.fieldError(`filter.${path}`) ??
      (current && 'error' in current ? fieldErrorsIn(current.error)[path] : undefined)
    );
  };
  const countText = () => {
    const answer = count();
    if (!answer || 'error' in answer) return '';
    return answer.capped
      ? t('builder.liveCountCapped', {
          count: format.number(answer.count),
          examined: format.number(answer.examined),
        })
      : answer.source === 'snapshot'
        ? t('builder.snapshotCount', { count: format.number(answer.count) })
        : t('builder.liveCount', { count: format.number(answer.count) });
  };
  const edit = createVersionedSave<CountedSegment, SegmentChange>({
    save: (body, version) =>
      unwrap(
        api.PATCH('/v1/segments/{segmentId}', {
          params: { path: { segmentId: saved?.id ?? '' } },
          body: { ...body, version },
        }),
      ),
    latest: () =>
      unwrap(api.GET('/v1/segments/{segmentId}', { params: { path: { segmentId: saved?.id ?? '' } } })),
  });
  const save = async () => {
    if (!saved) {
      const text = description().trim();
      const created = await unwrap(
        api.POST('/v1/segments', {
          body: { name: name(), ...(text ? { description: text } : {}), filter: filterOf(draft()) },
        }),
      );
      props.onSaved(created);
      return;
    }
    const changed = await edit.save(
      { name: name(), description: description().trim() || null, filter: filter(draft()) },
      saved.version,
    );
    if (changed) props.onSaved(changed);
  };
  const text = (key: keyof SegmentDraft, label: string, path: string) => (
    <FormField
      name={key}
      label={label}
      value={draft()[key] as string}
      onChange={(value) => change({ [key]: value })}
      error={fieldError(path)}
    />
  );
  const choices = <K extends 'status' | 'abcClass' | 'rfm'>(
    key: K,
    legend: string,
    values: readonly string[],
    label: (value: string) => string,
  ) => (
    <fieldset class="field segment-builder__choices">
      <legend class="field__label">{legend}</legend>
      <For each={values}>
        {(value) => (
          <label class="segment-builder__choice">
            <input
              type="checkbox"
              checked={draft()[key].includes(value)}
              onChange={() => toggle(key, value)}
            />{' '}
            {label(value)}
          </label>
        )}
      </For>
    </fieldset>
  );
  return (
    <form class="card form segment-builder" onSubmit={form.submit(save)} data-testid="segment-builder">
      <h2 class="card__title">{saved ? t('builder.editTitle') : t('builder.title')}</h2>
      <FormField
        name="name"
        label={t('builder.name')}
        value={name()}
        onChange={setName}
        error={form.fieldError('name')}
        required
      />
      <FormField
        name="description"
        label={t('builder.description')}
        value={description()}
        onChange={setDescription}
        error={form.fieldError('description')}
      />
      <div class="field">
        <label class="field__label" for="segment-buyers">
          {t('builder.buyers')}
        </label>
        <select
          id="segment-buyers"
          class="field__input"
          value={draft().buyers}
          onChange={(event) => change({ buyers: event.currentTarget.value as SegmentDraft['buyers'] })}
        >
          <option value="">{t('builder.buyers.any')}</option>
          <option value="none">{t('builder.buyers.none')}</option>
          <option value="new">{t('builder.buyers.new')}</option>
          <option value="returning">{t('builder.buyers.returning')}</option>
        </select>
      </div>
      {choices('status', t('builder.status'), statuses, (status) =>
        t(`status.${status as (typeof statuses)[number]}`),
      )}
      {choices('abcClass', t('builder.abc'), classes, (abc) => abc)}
      {choices(
        'rfm',
        t('builder.rfm'),
        [...rfmSegments, ...draft().rfm.filter((s) => !rfmSegments.includes(s as never))],
        (segment) => rfmSegmentLabel(segment, t),
      )}
      <Show when={fieldError('segment')}>
        <p class="field__error">{fieldError('segment')}</p>
      </Show>
      <div class="segment-builder__pair">
        {text('pAliveMin', t('builder.pAliveMin'), 'pAlive.min')}
        {text('pAliveMax', t('builder.pAliveMax'), 'pAlive.max')}
      </div>
      <div class="segment-builder__pair">
        {text('clvMin', t('builder.clvMin'), 'clv.min')}
        {text('clvMax', t('builder.clvMax'), 'clv.max')}
      </div>
      {text('tags', t('builder.tags'), 'tags')}
      <div class="segment-builder__pair">
        {text('fieldKey', t('builder.fieldKey'), 'customField')}
        {text('fieldValue', t('builder.fieldValue'), 'customField.value')}
      </div>
      <p role="status" aria-live="polite" class="segment-builder__count" data-testid="segment-live-count">
        {countText()}
      </p>
      <SegmentCountAsOf
        counted={(() => {
          const answer = count();
          return answer && !('error' in answer) ? answer : undefined;
        })()}
      />
      <FormActions
        class="segment-builder__actions"
        error={
          form.error() && !Object.keys(fieldErrorsIn(form.error())).length
            ? (form.error() as Error).message
            : undefined
        }
        cancelLabel={t('builder.cancel')}
        onCancel={props.onCancel}
        submitLabel={saved ? t('builder.saveChanges') : t('builder.save')}
        pending={form.pending()}
      />
      <VersionConflictDialog
        state={edit}
        describe={(latest) => (
          <>
            <p>
              <strong>{latest.name}</strong>
            </p>
            <SegmentFilterChips filter={latest.filter} />
          </>
        )}
        onResolved={(resolved) => {
          if (resolved) props.onSaved(resolved);
        }}
      />
    </form>
  );
}
