import { Show } from 'solid-js';
import { Button, type ButtonVariant } from './button.js';

export type FormActionsProps = {
  /** A message for the whole form (one that belongs to no field shown inline). */
  error?: string | undefined;
  cancelLabel: string;
  /** Without it, no cancel button (a form on a page that cannot be left from here). */
  onCancel?: (() => void) | undefined;
  submitLabel: string;
  pending: boolean;
  /** Besides pending: the form is not complete yet. */
  disabled?: boolean;
  submitVariant?: ButtonVariant;
  cancelVariant?: ButtonVariant;
  /** The buttons row's class: `dialog__actions` unless said (a page form has its own). */
  class?: string;
};

/**
 * The foot of a form (a dialog's, by default): its error, announced, then cancel and submit, the submit held while
 * the call is pending so a double click sends once.
 */
export function FormActions(props: FormActionsProps) {
  return (
    <>
      <Show when={props.error}>
        {(message) => (
          <p class="form__error" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <div class={props.class ?? 'dialog__actions'}>
        <Show when={props.onCancel}>
          {(cancel) => (
            <Button variant={props.cancelVariant ?? 'secondary'} type="button" onClick={() => cancel()()}>
              {props.cancelLabel}
            </Button>
          )}
        </Show>
        <Button
          variant={props.submitVariant ?? 'primary'}
          type="submit"
          disabled={props.pending || props.disabled === true}
        >
          {props.submitLabel}
        </Button>
      </div>
    </>
  );
}
