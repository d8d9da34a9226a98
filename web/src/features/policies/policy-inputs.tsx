import { createEffect, createSignal } from 'solid-js';
import { useAuth } from '../../lib/auth/auth-context.js';
import { currencyDigits } from '../../lib/i18n/format.js';
import { FormField } from '../../lib/ui/form-field.js';
import { toMinorUnits } from '../customers/360/money-input.js';

/**
 * A number typed as text: the store gets the number, NaN for text that is not one (the API then
 * names the field), or null for an empty optional field (a rule switched off).
 */
export function NumberInput(props: {
  name: string;
  label: string;
  value: number | null;
  onChange: (value: number) => void;
  onClear?: () => void;
  error?: string | undefined;
  description?: string;
}) {
  const [text, setText] = createSignal('');
  // A reload (or a conflict's newer version) replaces what is shown; typing does not echo back.
  createEffect(() => {
    const value = props.value;
    if (value === null) setText('');
    else if (!Number.isNaN(value) && Number(text()) !== value) setText(String(value));
  });
  return (
    <FormField
      name={props.name}
      label={props.label}
      type="number"
      value={text()}
      onChange={(typed) => {
        setText(typed);
        if (typed.trim() === '' && props.onClear) props.onClear();
        else props.onChange(typed.trim() === '' ? Number.NaN : Number(typed));
      }}
      error={props.error}
      {...(props.description ? { description: props.description } : {})}
    />
  );
}

/** Money typed in major units of the tenant's currency, kept in minor units as the API wants. */
export function MoneyInput(props: {
  name: string;
  label: string;
  value: number | null;
  onChange: (minorUnits: number) => void;
  onClear?: () => void;
  error?: string | undefined;
  invalidMessage: string;
}) {
  const { session } = useAuth();
  const currency = () => session()?.tenant.settings.defaultCurrency ?? 'CNY';
  const majorText = (minor: number) => (minor / 10 ** currencyDigits(currency())).toString();
  const [text, setText] = createSignal('');
  const [invalid, setInvalid] = createSignal(false);
  createEffect(() => {
    const value = props.value;
    if (value === null) setText('');
    else if (!Number.isNaN(value) && toMinorUnits(text(), currency()) !== value) setText(majorText(value));
  });
  return (
    <FormField
      name={props.name}
      label={`${props.label} (${currency()})`}
      value={text()}
      onChange={(typed) => {
        setText(typed);
        if (typed.trim() === '' && props.onClear) {
          setInvalid(false);
          props.onClear();
          return;
        }
        const minor = toMinorUnits(typed, currency());
        setInvalid(minor === undefined);
        props.onChange(minor ?? Number.NaN);
      }}
      error={invalid() ? props.invalidMessage : props.error}
    />
  );
}

/** A labelled checkbox in the shared admin style. */
export function CheckboxInput(props: {
  name: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label class="checkbox">
      <input
        type="checkbox"
        name={props.name}
        checked={props.checked}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      {props.label}
    </label>
  );
}
