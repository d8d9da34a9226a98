import { For, Match, Switch } from 'solid-js';
import { useLocale, useMessages } from '../../../lib/i18n/i18n-context.js';
import { FormField } from '../../../lib/ui/form-field.js';
import { customerFormMessages } from '../form-messages.js';
import { ChoiceField } from './choice-field.js';
import type { CustomFieldDefinition } from './customer-draft.js';

/** One of the tenant's custom fields, rendered by its type (money typed in major units). */
export function CustomFieldInput(props: {
  definition: CustomFieldDefinition;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  currency: string;
}) {
  const t = useMessages(customerFormMessages);
  const { locale } = useLocale();
  const name = () => `customFields.${props.definition.key}`;
  const label = () => {
    const text =
      locale() === 'zh-CN'
        ? (props.definition.label.zh ?? props.definition.label.en)
        : props.definition.label.en;
    return text;
  };
  const text = (type: 'text' | 'number' | 'date', description?: string) => (
    <FormField
      name={name()}
      label={props.definition.required ? `${label()} *` : label()}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      type={type}
      required={props.definition.required}
      {...(description ? { description } : {})}
    />
  );
  return (
    <Switch fallback={text('text')}>
      <Match when={props.definition.type === 'number'}>{text('number')}</Match>
      <Match when={props.definition.type === 'date'}>{text('date')}</Match>
      <Match when={props.definition.type === 'money'}>
        {text('text', t('field.money.hint', { currency: props.definition.currency ?? props.currency }))}
      </Match>
      <Match when={props.definition.type === 'enum' || props.definition.type === 'boolean'}>
        <ChoiceField
          name={name()}
          label={label()}
          value={props.value}
          onChange={props.onChange}
          error={props.error}
          required={props.definition.required}
        >
          <option value="">{t('field.none')}</option>
          <For
            each={
              props.definition.type === 'boolean'
                ? [
                    { value: 'true', label: t('field.yes') },
                    { value: 'false', label: t('field.no') },
                  ]
                : (props.definition.options ?? []).map((option) => ({ value: option, label: option }))
            }
          >
            {(option) => <option value={option.value}>{option.label}</option>}
          </For>
        </ChoiceField>
      </Match>
    </Switch>
  );
}
