import { createUniqueId, type JSX, Show } from 'solid-js';

/**
 * A labelled native select with its error beside it (aria-invalid + aria-describedby), the
 * select counterpart of FormField for enums, yes/no and the customer's fixed choices.
 */
export function ChoiceField(props: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  required?: boolean;
  children: JSX.Element;
}) {
  const id = `choice-${createUniqueId()}`;
  return (
    <div class="field" data-invalid={props.error ? '' : undefined}>
      <label class="field__label" for={id}>
        {props.label}
        <Show when={props.required}>
          <span class="field__required" aria-hidden="true">
            *
          </span>
        </Show>
      </label>
      <select
        id={id}
        name={props.name}
        class="field__input"
        value={props.value}
        required={props.required ?? false}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      >
        {props.children}
      </select>
      <Show when={props.error}>
        <div id={`${id}-error`} class="field__error">
          {props.error}
        </div>
      </Show>
    </div>
  );
}
