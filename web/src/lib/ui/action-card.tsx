import { type JSX, Show } from 'solid-js';

/** A card whose title shares its row with the card's main action (Invite, Create, Refresh…). */
export function ActionCard(props: { title: string; action?: JSX.Element; children: JSX.Element }) {
  return (
    <section class="card">
      <div class="action-card__header">
        <h2 class="card__title action-card__title">{props.title}</h2>
        <Show when={props.action}>
          <div class="action-card__action">{props.action}</div>
        </Show>
      </div>
      {props.children}
    </section>
  );
}
