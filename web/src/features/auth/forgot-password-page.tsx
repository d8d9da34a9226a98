import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { ApiError, unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { AuthForm } from '../../lib/auth/auth-form.js';
import { useLocale, useMessages, useSharedMessages } from '../../lib/i18n/i18n-context.js';
import { AuthLayout } from '../../lib/layout/auth-layout.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormField } from '../../lib/ui/form-field.js';
import { authMessages } from './messages.js';

/** `/forgot-password`: asks for a reset link; the answer is the same whether or not the e-mail is known. */
export function ForgotPasswordPage() {
  const t = useMessages(authMessages);
  const shared = useSharedMessages();
  const { locale } = useLocale();
  const api = useApi();
  const form = createForm();
  const [email, setEmail] = createSignal('');
  const [sent, setSent] = createSignal(false);

  const request = form.submit(async () => {
    await unwrap(api.POST('/v1/auth/password-reset/request', { body: { email: email(), locale: locale() } }));
    setSent(true);
  });

  const formMessage = () => {
    const error = form.error();
    if (!error) return undefined;
    if (error instanceof ApiError && error.status === 429) return t('tooMany');
    if (error instanceof ApiError && error.fields.length > 0) return shared('form.fixErrors');
    return shared('state.error');
  };

  return (
    <AuthLayout title={t('forgot.title')} subtitle={t('forgot.subtitle')}>
      <Show
        when={!sent()}
        fallback={
          <p class="notice" role="status">
            {t('forgot.sent')}
          </p>
        }
      >
        <AuthForm
          onSubmit={request}
          message={formMessage()}
          pending={form.pending()}
          submitLabel={t('forgot.submit')}
        >
          <FormField
            name="email"
            type="email"
            autocomplete="username"
            label={shared('auth.email')}
            value={email()}
            onChange={setEmail}
            error={form.fieldError('email')}
            required
            autofocus
          />
        </AuthForm>
      </Show>
      <p class="auth__switch">
        <A href="/login">{t('toLogin')}</A>
      </p>
    </AuthLayout>
  );
}
