import { createSignal, type JSX, Show } from 'solid-js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { DialogFrame } from '../../lib/ui/dialog-frame.js';
import { settingsMessages } from './messages.js';

/** A Kobalte dialog with the app's frame: title, optional description, then the body. */
export function AdminDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  children: JSX.Element;
}) {
  return (
    <DialogFrame
      open={props.open}
      onOpenChange={props.onOpenChange}
      class="admin-dialog"
      title={props.title}
      description={props.description || undefined}
    >
      {props.children}
    </DialogFrame>
  );
}

/**
 * Asks before something that cannot be taken back lightly (revoke, disable, archive); the API's
 * error, if any, stays in the dialog.
 */
export function ConfirmDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
}) {
  const t = useMessages(settingsMessages);
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const confirm = async () => {
    setPending(true);
    setError(undefined);
    try {
      await props.onConfirm();
      props.onOpenChange(false);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setPending(false);
    }
  };
  return (
    <AdminDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={props.title}
      description={props.body}
    >
      <Show when={error()}>
        <p class="form__error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="dialog__actions dialog__actions--spaced">
        <Button variant="secondary" onClick={() => props.onOpenChange(false)}>
          {t('action.cancel')}
        </Button>
        <Button variant="danger" disabled={pending()} onClick={confirm}>
          {props.confirmLabel}
        </Button>
      </div>
    </AdminDialog>
  );
}
