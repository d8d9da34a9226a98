import { type ParentProps, Show } from 'solid-js';
import { Button } from '../ui/button.js';

/**
 * The sign-in screens' form (login, sign-up, invitation, forgot / reset password, resend
 * verification): the fields, then the form-level message as an alert, then one full-width submit
 * button that is off while the request runs. Each screen keeps its own fields and its own wording of
 * errors; this holds the frame they share.
 */
export function AuthForm(
  props: ParentProps<{
    onSubmit: (event: SubmitEvent) => void;
    /** The form-level error, if any (field errors stand beside their fields). */
    message: string | undefined;
    pending: boolean;
    submitLabel: string;
  }>,
) {
  return (
    <form class="form" onSubmit={(event) => props.onSubmit(event)} noValidate>
      {props.children}
      <Show when={props.message}>
        <p class="form__error" role="alert">
          {props.message}
        </p>
      </Show>
      <Button type="submit" class="button--block" disabled={props.pending}>
        {props.submitLabel}
      </Button>
    </form>
  );
}
