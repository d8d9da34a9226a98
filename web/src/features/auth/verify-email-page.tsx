import { A, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import { ApiError, unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { AuthForm } from '../../lib/auth/auth-form.js';
import { useLocale, useMessages, useSharedMessages } from '../../lib/i18n/i18n-context.js';
import { AuthLayout } from '../../lib/layout/auth-layout.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormField } from '../../lib/ui/form-field.js';
import { authMessages } from './messages.js';

/**
 * `/verify-email?token=…`: the link from the confirmation mail, confirmed on arrival; a used or
 * expired link offers to mail a new one.
 */
export function VerifyEmailPage() {
  const t = useMessages(authMessages);
  const shared = useSharedMessages();
  const { locale } = useLocale();
  const api = useApi();
  const [params] = useSearchParams<{ token?: string }>();
  const [confirmed] = createResource(
    () => params.token,
    async (token) => {
      await unwrap(api.POST('/v1/auth/verify-email', { body: { token } }));
      return true;
    },
  );
  const form = createForm();
  const [email, setEmail] = createSignal('');
  const [sent, setSent] = createSignal(false);
  const resend = form.submit(async () => {
    await unwrap(api.POST('/v1/auth/verify-email/request', { body: { email: email(), locale: locale() } }));
    setSent(true);
  });
  const resendMessage = () => {
    const error = form.error();
    if (!error) return undefined;
    if (error instanceof ApiError && error.status === 429) return t('tooMany');
    if (error instanceof ApiError && error.fields.length > 0) return shared('form.fixErrors');
    return shared('state.error');
  };

  return (
    <AuthLayout title={t('verify.title')} subtitle={t('verify.subtitle')}>
      <Switch>
        <Match when={!params.token}>
          <p class="form__error" role="alert">
            {t('link.missing')}
          </p>
        </Match>
        <Match when={confirmed.loading}>
          <p role="status">{t('verify.working')}</p>
        </Match>
        <Match when={confirmed()}>
          <p class="notice" role="status">
            {t('verify.done')}
          </p>
        </Match>
        <Match when={confirmed.error}>
          <p class="form__error" role="alert">
            {t('link.invalid')}
          </p>
          <Show
            when={!sent()}
            fallback={
              <p class="notice" role="status">
                {t('forgot.sent')}
              </p>
            }
          >
            <AuthForm
              onSubmit={resend}
              message={resendMessage()}
              pending={form.pending()}
              submitLabel={t('verify.resend')}
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
              />
            </AuthForm>
          </Show>
        </Match>
      </Switch>
      <p class="auth__switch">
        <A href="/login">{t('toLogin')}</A>
      </p>
    </AuthLayout>
  );
}
