import { Show } from 'solid-js';
import { Button, type ButtonVariant } from './button.js';

export type FormActionsProps = {
  /** A message for the whole form (one that belongs to no field shown inline). */
  error?: string | undefined;
  cancelLabel: string;
  onCancel: () => void;
  submitLabel: string;
  pending: boolean;
  /** Besides pending: the form is not complete yet. */
  disabled?: boolean;
  submitVariant?: ButtonVariant;
  cancelVariant?: ButtonVariant;
  /** More room above the buttons, for a form whose last field carries its own error line. */
  spaced?: boolean;
};

/**
 * The foot of a dialog's form: its error, announced, then cancel and submit, the submit held while
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
      <div class={props.spaced ? 'dialog__actions dialog__actions--spaced' : 'dialog__actions'}>
        <Button variant={props.cancelVariant ?? 'secondary'} type="button" onClick={() => props.onCancel()}>
          {props.cancelLabel}
        </Button>
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
