import { type Accessor, createSignal } from 'solid-js';
import { useFieldErrors } from '../api/field-issue-text.js';

export type FormState = {
  pending: Accessor<boolean>;
  /** The last submission's error (an `ApiError` for API answers). */
  error: Accessor<unknown>;
  /** What the API said of one field path, in the user's language, for `<FormField error={form.fieldError('email')}>`. */
  fieldError: (path: string) => string | undefined;
  /** A submit handler: prevents the page load, tracks pending, keeps the error. */
  submit: (action: () => Promise<void>) => (event: SubmitEvent) => Promise<void>;
  setError: (error: unknown) => void;
  /**
   * The last error's message for the form as a whole: undefined when there is none, or when one
   * of `inlineFields` shows it beside its input already.
   */
  formMessage: (...inlineFields: string[]) => string | undefined;
};

/**
 * The state every form needs around an API call.
 *
 * @example
 * const form = createForm();
 * <form onSubmit={form.submit(() => save())}>
 *   <FormField name="email" error={form.fieldError('email')} … />
 */
export function createForm(): FormState {
  const fieldErrorsOf = useFieldErrors();
  const [pending, setPending] = createSignal(false);
  const [error, setErrorSignal] = createSignal<unknown>();
  const setError = (value: unknown) => setErrorSignal(() => value);
  return {
    pending,
    error,
    fieldError: (path) => fieldErrorsOf(error())[path],
    setError,
    formMessage: (...inlineFields) => {
      const current = error();
      if (!(current instanceof Error)) return undefined;
      const fields = fieldErrorsOf(current);
      return inlineFields.some((path) => fields[path] !== undefined) ? undefined : current.message;
    },
    submit: (action) => async (event) => {
      event.preventDefault();
      if (pending()) return;
      setPending(true);
      setError(undefined);
      try {
        await action();
      } catch (caught) {
        setError(caught);
      } finally {
        setPending(false);
      }
    },
  };
}
