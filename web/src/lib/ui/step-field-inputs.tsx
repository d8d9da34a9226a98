import { For, Show } from 'solid-js';

/**
 * The label and text box of one field of a `StepDialog`: one line (a local date and time with
 * `datetime`), or a few lines for free text (`multiline`).
 */
export function StepTextInput(props: {
  id: string;
  name: string;
  label: string;
  required: boolean;
  datetime?: boolean;
  multiline?: boolean;
  value: string;
  onInput: (value: string) => void;
}) {
  return (
    <>
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      <Show
        when={props.multiline}
        fallback={
          <input
            id={props.id}
            name={props.name}
            type={props.datetime ? 'datetime-local' : undefined}
            class="field__input"
            required={props.required}
            value={props.value}
            onInput={(event) => props.onInput(event.currentTarget.value)}
          />
        }
      >
        <textarea
          id={props.id}
          name={props.name}
          class="field__input"
          rows={3}
          required={props.required}
          value={props.value}
          onInput={(event) => props.onInput(event.currentTarget.value)}
        />
      </Show>
    </>
  );
}

/** The label and select of a required 1–5 score, best first, blank until chosen. */
export function ScoreSelect(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <>
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      <select
        id={props.id}
        name={props.name}
        class="field__input"
        required
        value={props.value}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      >
        <option value="" />
        <For each={['5', '4', '3', '2', '1']}>{(score) => <option value={score}>{score}</option>}</For>
      </select>
    </>
  );
}
