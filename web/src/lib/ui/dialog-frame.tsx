import { Dialog } from '@kobalte/core/dialog';
import { type JSX, Show } from 'solid-js';

/**
 * A Kobalte modal dialog in the app's frame: overlay, centred panel, title, the description when
 * one is given (even empty, so the dialog keeps its accessible description), then the body.
 */
export function DialogFrame(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Classes besides `dialog`, e.g. `task-dialog`. */
  class?: string;
  title: JSX.Element;
  description?: JSX.Element;
  children: JSX.Element;
}) {
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog__overlay" />
        <div class="dialog__positioner">
          <Dialog.Content class={props.class ? `dialog ${props.class}` : 'dialog'}>
            <Dialog.Title class="dialog__title">{props.title}</Dialog.Title>
            <Show when={props.description !== undefined}>
              <Dialog.Description class="dialog__description">{props.description}</Dialog.Description>
            </Show>
            {props.children}
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}
