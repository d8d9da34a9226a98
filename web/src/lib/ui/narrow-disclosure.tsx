import { type JSX, Show } from 'solid-js';
import { useNarrowScreen } from './narrow-screen.js';
import './narrow-disclosure.css';

/**
 * On a phone, what a screen can spare at first folds under a one-line summary (a `<details>`, closed)
 * so what the reader came for is on the first screen; on a wider window the children show as they
 * are, unwrapped.
 *
 * @example
 * <NarrowDisclosure summary={t('timeline.add')}><AddInteractionForm … /></NarrowDisclosure>
 */
export function NarrowDisclosure(props: { summary: JSX.Element; class?: string; children: JSX.Element }) {
  const narrow = useNarrowScreen();
  return (
    <Show when={narrow()} fallback={props.children}>
      <details class={props.class ? `narrow-disclosure ${props.class}` : 'narrow-disclosure'}>
        <summary class="narrow-disclosure__summary">{props.summary}</summary>
        <div class="narrow-disclosure__body">{props.children}</div>
      </details>
    </Show>
  );
}
