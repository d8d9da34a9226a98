import { Show } from 'solid-js';
import { useEventName } from './use-event-name.js';

/**
 * An event's name with its type small beside it (admins copy the type into webhook receivers); the
 * type alone when there is no name for it. `name` overrides the catalog's (the webhook test ping).
 */
export function EventTypeLabel(props: { type: string; name?: string }) {
  const eventName = useEventName();
  const name = () => props.name ?? eventName(props.type);
  return (
    <>
      <Show when={name() !== props.type}>{name()} </Show>
      <code>{props.type}</code>
    </>
  );
}
