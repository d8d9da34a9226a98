import { For, type JSX, Show } from 'solid-js';
import type { FormState } from './create-form.js';
import { DialogFrame } from './dialog-frame.js';
import { FormActions } from './form-actions.js';

type Step = { fields: readonly { name: string }[] };

/**
 * One step of a process (a complaint's, a service request's) as a dialog, open while there is a
 * step: exactly the fields the API asks for that move, each with the API's error under it, then
 * cancel and submit.
 *
 * @example
 * <StepDialog step={props.step} title={(step) => t('dialog.title', { step: step.to })} form={form}
 *   onSave={save} onClose={props.onClose} testId="transition-form" generalError={generalError()}
 *   cancelLabel={t('dialog.cancel')} submitLabel={t('dialog.submit')}>
 *   {(field) => <FieldInputs field={field} />}
 * </StepDialog>
 */
export function StepDialog<S extends Step>(props: {
  step: S | undefined;
  title: (step: S) => string;
  form: FormState;
  onSave: () => Promise<void>;
  onClose: () => void;
  /** The form's test id, which the end-to-end tests find it by. */
  testId: string;
  generalError: string | undefined;
  cancelLabel: string;
  submitLabel: string;
  /** The label and input(s) of one field; the field's frame and its error are the dialog's. */
  children: (field: S['fields'][number]) => JSX.Element;
}) {
  return (
    <DialogFrame
      open={props.step !== undefined}
      onOpenChange={(open) => (open ? undefined : props.onClose())}
      title={props.step ? props.title(props.step) : ''}
    >
      <Show when={props.step}>
        {(step) => (
          <form class="form" onSubmit={props.form.submit(props.onSave)} data-testid={props.testId}>
            <For each={step().fields}>
              {(field) => (
                <div class="field" data-invalid={props.form.fieldError(field.name) ? '' : undefined}>
                  {props.children(field)}
                  <Show when={props.form.fieldError(field.name)}>
                    <div class="field__error">{props.form.fieldError(field.name)}</div>
                  </Show>
                </div>
              )}
            </For>
            <FormActions
              class="dialog__actions dialog__actions--spaced"
              error={props.generalError}
              cancelLabel={props.cancelLabel}
              onCancel={props.onClose}
              submitLabel={props.submitLabel}
              pending={props.form.pending()}
            />
          </form>
        )}
      </Show>
    </DialogFrame>
  );
}
