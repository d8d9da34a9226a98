import { Dialog } from '@kobalte/core/dialog';
import { type JSX, Show } from 'solid-js';

/** The app's modal frame (Kobalte Dialog: focus trap, Escape, labelled by its title). */
export function ListDialog(props: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: string | undefined;
  children?: JSX.Element;
  actions: JSX.Element;
}) {
  return (
    <Dialog
      open={props.open}
      onOpenChange={(open) => {
        if (!open) props.onClose();
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay class="dialog__overlay" />
        <div class="dialog__positioner">
          <Dialog.Content class="dialog">
            <Dialog.Title class="dialog__title">{props.title}</Dialog.Title>
            <Show when={props.description}>
              <Dialog.Description class="dialog__description">{props.description}</Dialog.Description>
            </Show>
            <Show when={props.children}>
              <div class="dialog__body">{props.children}</div>
            </Show>
            <div class="dialog__actions">{props.actions}</div>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}
