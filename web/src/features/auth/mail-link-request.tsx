import { createSignal, Show } from 'solid-js';
import { ApiError } from '../../lib/api/errors.js';
import { AccountEmailField } from '../../lib/auth/account-email-field.js';
import { AuthForm } from '../../lib/auth/auth-form.js';
import { useLocale, useMessages, useSharedMessages } from '../../lib/i18n/i18n-context.js';
import { createForm } from '../../lib/ui/create-form.js';
import { authMessages } from './messages.js';

type Locale = ReturnType<ReturnType<typeof useLocale>['locale']>;

/**
 * Asks for a link by mail (a password reset, a new confirmation link): the e-mail address, then
 * the same "sent" notice whether or not the address is known, so the form tells nobody who has an
 * account.
 */
export function MailLinkRequest(props: {
  request: (body: { email: string; locale: Locale }) => Promise<unknown>;
  submitLabel: string;
  autofocus?: boolean;
}) {
  const t = useMessages(authMessages);
  const shared = useSharedMessages();
  const { locale } = useLocale();
  const form = createForm();
  const [email, setEmail] = createSignal('');
  const [sent, setSent] = createSignal(false);
  const submit = form.submit(async () => {
    await props.request({ email: email(), locale: locale() });
    setSent(true);
  });
  const message = () => {
    const error = form.error();
    if (!error) return undefined;
    if (error instanceof ApiError && error.status === 429) return t('tooMany');
    if (error instanceof ApiError && error.fields.length > 0) return shared('form.fixErrors');
    return shared('state.error');
  };
  return (
    <Show
      when={!sent()}
      fallback={
        <p class="notice" role="status">
          {t('forgot.sent')}
        </p>
      }
    >
      <AuthForm
        onSubmit={submit}
        message={message()}
        pending={form.pending()}
        submitLabel={props.submitLabel}
      >
        <AccountEmailField
          value={email()}
          onChange={setEmail}
          error={form.fieldError('email')}
          autofocus={props.autofocus}
        />
      </AuthForm>
    </Show>
  );
}
