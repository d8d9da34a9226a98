import { createEffect, createSignal, For } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { FormField } from '../../lib/ui/form-field.js';
import { policiesMessages } from './messages.js';
import { CheckboxInput, NumberInput } from './policy-inputs.js';
import { type PolicyEditor, PolicySection } from './policy-section.js';

type TaskPolicy = components['schemas']['TaskPolicy'];

const KINDS = ['reorder', 'collect_payment', 'birthday', 'anniversary'] as const;

/** 客户关怀: which care reminders become tasks for the customer's owner, and how early. */
export function TaskPolicySection(props: { readOnly?: boolean }) {
  const t = useMessages(policiesMessages);
  const api = useApi();
  return (
    <PolicySection<TaskPolicy>
      readOnly={props.readOnly === true}
      title={t('tasks.title')}
      description={t('tasks.description')}
      load={() => unwrap(api.GET('/v1/tasks/policy'))}
      save={(policy, version) => unwrap(api.PUT('/v1/tasks/policy', { body: { policy, version } }))}
    >
      {(editor) => <TaskPolicyFields editor={editor} />}
    </PolicySection>
  );
}

function TaskPolicyFields(props: { editor: PolicyEditor<TaskPolicy> }) {
  const t = useMessages(policiesMessages);
  const draft = () => props.editor.draft;
  // The anniversary fields are typed as one comma-separated line of custom field keys.
  const [fieldsText, setFieldsText] = createSignal('');
  const parse = (text: string) =>
    text
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key !== '');
  // A reload replaces the line; typing (which already matches the draft) does not echo back.
  createEffect(() => {
    const fields = draft().anniversaryFields;
    if (parse(fieldsText()).join(',') !== fields.join(',')) setFieldsText(fields.join(', '));
  });
  return (
    <>
      <fieldset class="policy__group">
        <legend class="section-title">{t('tasks.kinds')}</legend>
        <For each={KINDS}>
          {(kind) => (
            <CheckboxInput
              name={`kinds.${kind}`}
              label={t(`tasks.kind.${kind}`)}
              checked={draft().kinds[kind]}
              onChange={(checked) => props.editor.set('kinds', kind, checked)}
            />
          )}
        </For>
      </fieldset>
      <div class="policy__grid">
        <NumberInput
          name="reorderLeadDays"
          label={t('tasks.reorderLeadDays')}
          value={draft().reorderLeadDays}
          onChange={(value) => props.editor.set('reorderLeadDays', value)}
          error={props.editor.fieldError('reorderLeadDays')}
        />
        <NumberInput
          name="dateLeadDays"
          label={t('tasks.dateLeadDays')}
          value={draft().dateLeadDays}
          onChange={(value) => props.editor.set('dateLeadDays', value)}
          error={props.editor.fieldError('dateLeadDays')}
        />
      </div>
      <FormField
        name="anniversaryFields"
        label={t('tasks.anniversaryFields')}
        description={t('tasks.anniversaryFieldsHint')}
        value={fieldsText()}
        onChange={(text) => {
          setFieldsText(text);
          props.editor.set('anniversaryFields', parse(text));
        }}
        error={
          props.editor.fieldError('anniversaryFields') ??
          draft()
            .anniversaryFields.map((_, index) => props.editor.fieldError(`anniversaryFields.${index}`))
            .find((message) => message !== undefined)
        }
      />
    </>
  );
}
