import { createResource, createSignal, For, Show } from 'solid-js';
import { fieldErrorsOf, unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormField } from '../../lib/ui/form-field.js';
import { segmentsMessages } from './messages.js';
import { emptyDraft, filterOf, type SegmentDraft } from './segment-filter-form.js';

type CountedSegment = components['schemas']['CountedSegment'];
const COUNT_DELAY_MS = 300;
const statuses = ['prospect', 'active', 'dormant', 'lost'] as const;
const classes = ['A', 'B', 'C'] as const;

/** Builds a segment's filter with a live count of the customers it matches, then saves it. */
export function SegmentBuilder(props: { onSaved: (segment: CountedSegment) => void }) {
  const t = useMessages(segmentsMessages);
  const api = useApi();
  const form = createForm();
  const [name, setName] = createSignal('');
  const [draft, setDraft] = createSignal<SegmentDraft>(emptyDraft());
  const [debounced, setDebounced] = createSignal(filterOf(emptyDraft()));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const change = (patch: Partial<SegmentDraft>) => {
    const next = { ...draft(), ...patch };
    setDraft(next);
    clearTimeout(timer);
    timer = setTimeout(() => setDebounced(filterOf(next)), COUNT_DELAY_MS);
  };
  const [count] = createResource(debounced, (filter) =>
    unwrap(api.POST('/v1/segments/preview', { body: filter })).catch((error: unknown) => ({ error })),
  );
  const toggle = (key: 'status' | 'abcClass', value: string) =>
    change({
      [key]: draft()[key].includes(value)
        ? draft()[key].filter((v) => v !== value)
        : [...draft()[key], value],
    });
  const fieldError = (path: string) => {
    const current = count();
    return (
      form.fieldError(`filter.${path}`) ??
      (current && 'error' in current ? fieldErrorsOf(current.error)[path] : undefined)
    );
  };
  const countText = () => {
    const answer = count();
    if (!answer || 'error' in answer) return '';
    return answer.capped
      ? t('builder.liveCountCapped', { count: answer.count, examined: answer.examined })
      : t('builder.liveCount', { count: answer.count });
  };
  const save = async () => {
    const saved = await unwrap(
      api.POST('/v1/segments', { body: { name: name(), filter: filterOf(draft()) } }),
    );
    props.onSaved(saved);
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
  return (
    <form class="card form segment-builder" onSubmit={form.submit(save)} data-testid="segment-builder">
      <h2 class="card__title">{t('builder.title')}</h2>
      <FormField
        name="name"
        label={t('builder.name')}
        value={name()}
        onChange={setName}
        error={form.fieldError('name')}
        required
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
      <fieldset class="field segment-builder__choices">
        <legend class="field__label">{t('builder.status')}</legend>
        <For each={statuses}>
          {(status) => (
            <label>
              <input
                type="checkbox"
                checked={draft().status.includes(status)}
                onChange={() => toggle('status', status)}
              />{' '}
              {t(`status.${status}`)}
            </label>
          )}
        </For>
      </fieldset>
      <fieldset class="field segment-builder__choices">
        <legend class="field__label">{t('builder.abc')}</legend>
        <For each={classes}>
          {(abc) => (
            <label>
              <input
                type="checkbox"
                checked={draft().abcClass.includes(abc)}
                onChange={() => toggle('abcClass', abc)}
              />{' '}
              {abc}
            </label>
          )}
        </For>
      </fieldset>
      {text('rfm', t('builder.rfm'), 'segment')}
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
      <p role="status" aria-live="polite" data-testid="segment-live-count">
        {countText()}
      </p>
      <Show when={form.error() && !Object.keys(fieldErrorsOf(form.error())).length}>
        <p class="form__error" role="alert">
          {(form.error() as Error).message}
        </p>
      </Show>
      <Button type="submit" disabled={form.pending()}>
        {t('builder.save')}
      </Button>
    </form>
  );
}
