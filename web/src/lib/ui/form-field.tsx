import { TextField } from '@kobalte/core/text-field';
import { type JSX, Show } from 'solid-js';

export type FormFieldProps = {
  /** The field's name, also the API's field path (`email`, `settings.timezone`). */
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The API's (or the form's) message for this field; shown under it and announced. */
  error?: string | undefined;
  description?: string;
  type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'number' | 'date';
  autocomplete?: JSX.InputHTMLAttributes<HTMLInputElement>['autocomplete'];
  required?: boolean;
  disabled?: boolean;
  autofocus?: boolean;
};

/** What a screen sets on a preset field, whose name, type and label the preset fixes. */
export type PresetFieldProps = Pick<FormFieldProps, 'value' | 'onChange' | 'autofocus'> & {
  error: string | undefined;
};

/**
 * A labelled text input (Kobalte TextField) that shows its error beside it, wired to
 * `aria-invalid` and `aria-describedby`, as the API reports it in `error.fields`.
 */
export function FormField(props: FormFieldProps) {
  return (
    <TextField
      class="field"
      name={props.name}
      value={props.value}
      onChange={props.onChange}
      validationState={props.error ? 'invalid' : 'valid'}
      required={props.required ?? false}
      disabled={props.disabled ?? false}
    >
      <TextField.Label class="field__label">{props.label}</TextField.Label>
      <TextField.Input
        class="field__input"
        type={props.type ?? 'text'}
        autocomplete={props.autocomplete}
        autofocus={props.autofocus}
      />
      <Show when={props.description}>
        <TextField.Description class="field__description">{props.description}</TextField.Description>
      </Show>
      <TextField.ErrorMessage class="field__error">{props.error}</TextField.ErrorMessage>
    </TextField>
  );
}
