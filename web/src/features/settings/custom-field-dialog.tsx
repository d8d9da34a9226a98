import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormActions } from '../../lib/ui/form-actions.js';
import { FormField } from '../../lib/ui/form-field.js';
import { AdminDialog } from './admin-dialog.js';
import { settingsMessages } from './messages.js';

type Definition = components['schemas']['CustomFieldDefinition'];
type FieldType = Definition['type'];

export const FIELD_TYPES: readonly FieldType[] = ['text', 'number', 'date', 'enum', 'boolean', 'money'];

/** Options typed one per line (or separated by commas), trimmed, empty ones and repeats dropped. */
export function parseOptions(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,，]/)
        .map((option) => option.trim())
        .filter(Boolean),
    ),
  ];
}

/** Creates a field (key, labels, type, options, rules) or edits one (labels, required, options). */
export function CustomFieldDialog(props: {
  open: boolean;
  editing: Definition | undefined;
  onOpenChange: (open: boolean) => void;
  onSaved: () => void;
}) {
  const t = useMessages(settingsMessages);
  const api = useApi();
  const { session } = useAuth();
  const form = createForm();
  const [key, setKey] = createSignal('');
  const [labelEn, setLabelEn] = createSignal('');
  const [labelZh, setLabelZh] = createSignal('');
  const [type, setType] = createSignal<FieldType>('text');
  const [options, setOptions] = createSignal('');
  const [currency, setCurrency] = createSignal('');
  const [required, setRequired] = createSignal(false);
  const [unique, setUnique] = createSignal(false);

  // Each opening starts from the field being edited, or from a blank one.
  createEffect(
    on(
      () => [props.open, props.editing] as const,
      ([open, editing]) => {
        if (!open) return;
        form.setError(undefined);
        setKey(editing?.key ?? '');
        setLabelEn(editing?.label.en ?? '');
        setLabelZh(editing?.label.zh ?? '');
        setType(editing?.type ?? 'text');
        setOptions(editing?.options?.join('\n') ?? '');
        setCurrency(editing?.currency ?? session()?.tenant.settings.defaultCurrency ?? 'CNY');
        setRequired(editing?.required ?? false);
        setUnique(editing?.unique ?? false);
      },
    ),
  );

  const label = () => ({ en: labelEn().trim(), ...(labelZh().trim() ? { zh: labelZh().trim() } : {}) });

  const submit = form.submit(async () => {
    const editing = props.editing;
    if (editing) {
      await unwrap(
        api.PATCH('/v1/custom-fields/{key}', {
          params: { path: { key: editing.key } },
          body: {
            label: label(),
            required: required(),
            ...(editing.type === 'enum' ? { options: parseOptions(options()) } : {}),
            version: editing.version,
          },
        }),
      );
    } else {
      await unwrap(
        api.POST('/v1/custom-fields', {
          body: {
            key: key().trim(),
            label: label(),
            type: type(),
            required: required(),
            unique: unique(),
            ...(type() === 'enum' ? { options: parseOptions(options()) } : {}),
            ...(type() === 'money' ? { currency: currency().trim().toUpperCase() } : {}),
          },
        }),
      );
    }
    props.onSaved();
    props.onOpenChange(false);
  });

  const fieldError = (...paths: string[]) =>
    paths.map((path) => form.fieldError(path)).find((message) => message !== undefined);
  const otherError = () =>
    form.error() !== undefined &&
    !fieldError('key', 'label.en', 'label.zh', 'options', 'unique', 'currency', 'type', 'required');

  return (
    <AdminDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={props.editing ? t('fields.editTitle', { key: props.editing.key }) : t('fields.createTitle')}
      {...(props.editing ? { description: t('fields.editHint') } : {})}
    >
      <form class="form" onSubmit={submit}>
        <Show when={!props.editing}>
          <FormField
            name="key"
            label={t('fields.key')}
            description={t('fields.keyHint')}
            value={key()}
            onChange={setKey}
            error={fieldError('key')}
            required
            autofocus
          />
        </Show>
        <div class="field-row">
          <FormField
            name="label.en"
            label={t('fields.labelEn')}
            value={labelEn()}
            onChange={setLabelEn}
            error={fieldError('label.en', 'label')}
            required
          />
          <FormField
            name="label.zh"
            label={t('fields.labelZh')}
            value={labelZh()}
            onChange={setLabelZh}
            error={fieldError('label.zh')}
          />
        </div>
        <Show when={!props.editing}>
          <div class="field">
            <label class="field__label" for="custom-field-type">
              {t('fields.type')}
            </label>
            <select
              id="custom-field-type"
              name="type"
              class="field__input"
              value={type()}
              onChange={(event) => setType(event.currentTarget.value as FieldType)}
            >
              <For each={FIELD_TYPES}>{(value) => <option value={value}>{t(`type.${value}`)}</option>}</For>
            </select>
          </div>
        </Show>
        <Show when={(props.editing?.type ?? type()) === 'enum'}>
          <div class="field" classList={{ 'field--invalid': fieldError('options') !== undefined }}>
            <label class="field__label" for="custom-field-options">
              {t('fields.options')}
            </label>
            <textarea
              id="custom-field-options"
              name="options"
              class="field__input"
              rows={4}
              value={options()}
              aria-describedby="custom-field-options-hint"
              aria-invalid={fieldError('options') ? 'true' : undefined}
              onInput={(event) => setOptions(event.currentTarget.value)}
            />
            <p id="custom-field-options-hint" class="field__description">
              {t('fields.optionsHint')}
            </p>
            <Show when={fieldError('options')}>
              <p class="field__error">{fieldError('options')}</p>
            </Show>
          </div>
        </Show>
        <Show when={!props.editing && type() === 'money'}>
          <FormField
            name="currency"
            label={t('fields.currency')}
            value={currency()}
            onChange={setCurrency}
            error={fieldError('currency')}
            required
          />
        </Show>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={required()}
            onChange={(event) => setRequired(event.currentTarget.checked)}
          />
          {t('fields.required')}
        </label>
        <Show when={!props.editing && type() !== 'boolean' && type() !== 'enum'}>
          <label class="checkbox">
            <input
              type="checkbox"
              checked={unique()}
              onChange={(event) => setUnique(event.currentTarget.checked)}
            />
            {t('fields.unique')}
          </label>
          <Show when={fieldError('unique')}>
            <p class="field__error">{fieldError('unique')}</p>
          </Show>
        </Show>
        <FormActions
          error={otherError() ? (form.error() as Error).message : undefined}
          cancelLabel={t('action.cancel')}
          onCancel={() => props.onOpenChange(false)}
          submitLabel={props.editing ? t('action.save') : t('action.create')}
          pending={form.pending()}
        />
      </form>
    </AdminDialog>
  );
}
