import { createResource, For, type JSX, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';

/**
 * A field choosing one of the tenant's saved segments (the campaign composer's and the survey
 * send's audience): the label, the choice with a "none" option, an optional hint and the API's
 * field error. The segments are read when the field appears.
 */
export function SegmentSelect(props: {
  id: string;
  label: JSX.Element;
  noneLabel: string;
  value: string;
  onChange: (segmentId: string) => void;
  error?: string | undefined;
  hint?: JSX.Element;
}) {
  const api = useApi();
  const [segments] = createResource(
    async () => (await unwrap(api.GET('/v1/segments', { params: { query: { limit: 200 } } }))).items,
  );
  const hintId = () => (props.hint !== undefined ? `${props.id}-hint` : undefined);
  return (
    <div class="field">
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      <select
        id={props.id}
        class="field__input"
        value={props.value}
        onChange={(event) => props.onChange(event.currentTarget.value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={hintId()}
      >
        <option value="">{props.noneLabel}</option>
        <For each={segments() ?? []}>
          {(segment) => (
            // `selected` as well as the select's value: the options arrive after the value is set.
            <option value={segment.id} selected={segment.id === props.value}>
              {segment.name}
            </option>
          )}
        </For>
      </select>
      <Show when={props.hint}>
        <p id={hintId()} class="field__description">
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p class="field__error">{props.error}</p>
      </Show>
    </div>
  );
}
