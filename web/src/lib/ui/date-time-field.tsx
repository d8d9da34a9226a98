import { Show } from 'solid-js';

/**
 * A labelled, required local date-and-time input (a visit's start or end), marked invalid while
 * the API refuses it. `error` shows the reason under it; `invalid` alone marks it where the form
 * says the reason elsewhere.
 */
export function DateTimeField(props: {
  /** The element id the label points at; unique on the page. */
  id: string;
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  invalid?: boolean;
}) {
  return (
    <div class="field" data-invalid={props.invalid || props.error ? '' : undefined}>
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        name={props.name}
        type="datetime-local"
        class="field__input"
        required
        value={props.value}
        onInput={(event) => props.onChange(event.currentTarget.value)}
      />
      <Show when={props.error}>
        <div class="field__error">{props.error}</div>
      </Show>
    </div>
  );
}
