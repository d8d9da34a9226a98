import { createResource, createSignal, createUniqueId, For, onCleanup, Show } from 'solid-js';
import { unwrap } from '../../../lib/api/errors.js';
import { useApi } from '../../../lib/auth/auth-context.js';
import { useMessages } from '../../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../../lib/ui/async-view.js';
import { customerPickerMessages } from './messages.js';
import './customer-picker.css';

export type PickedCustomer = { id: string; name: string };

/** Long enough not to ask the API for every keystroke, short enough to feel immediate. */
const SEARCH_DELAY_MS = 250;

/**
 * Finds a customer by the start of its name (the customer list's prefix search) and offers the
 * first matches as buttons: people pick customers by name, never by id. The chosen one is pressed.
 */
export function CustomerPicker(props: {
  label?: string;
  picked: PickedCustomer | undefined;
  onPick: (customer: PickedCustomer) => void;
  /** The API's message for the field the picked customer fills (e.g. `customerId`). */
  error?: string | undefined;
}) {
  const t = useMessages(customerPickerMessages);
  const api = useApi();
  const id = createUniqueId();
  const [query, setQuery] = createSignal('');
  const [debounced, setDebounced] = createSignal('');
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const search = (text: string) => {
    setQuery(text);
    clearTimeout(timer);
    timer = setTimeout(() => setDebounced(text.trim()), SEARCH_DELAY_MS);
  };
  // An empty search asks nothing (Solid fetches for '' but not for undefined).
  const [matches] = createResource(
    () => debounced() || undefined,
    (q) => unwrap(api.GET('/v1/customers', { params: { query: { q, limit: 8 } } })),
  );
  return (
    <div class="customer-picker">
      <div class="field" data-invalid={props.error ? '' : undefined}>
        <label class="field__label" for={`${id}-search`}>
          {props.label ?? t('search')}
        </label>
        <input
          id={`${id}-search`}
          class="field__input"
          type="search"
          autocomplete="off"
          value={query()}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={`${id}-hint${props.error ? ` ${id}-error` : ''}`}
          onInput={(event) => search(event.currentTarget.value)}
        />
        <p id={`${id}-hint`} class="field__description">
          <Show when={props.picked} fallback={t('hint')}>
            {(picked) => t('picked', { name: picked().name })}
          </Show>
        </p>
        <Show when={props.error}>
          <p id={`${id}-error`} class="field__error">
            {props.error}
          </p>
        </Show>
      </div>
      <Show when={debounced()}>
        <AsyncView
          resource={matches}
          isEmpty={(page) => page.items.length === 0}
          empty={<p class="muted">{t('none')}</p>}
        >
          {(page) => (
            <ul class="customer-picker__results" aria-label={t('results')}>
              <For each={page.items}>
                {(match) => (
                  <li>
                    <button
                      type="button"
                      class="customer-picker__result"
                      aria-pressed={props.picked?.id === match.id}
                      onClick={() => props.onPick({ id: match.id, name: match.name })}
                    >
                      {match.name}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          )}
        </AsyncView>
      </Show>
    </div>
  );
}
