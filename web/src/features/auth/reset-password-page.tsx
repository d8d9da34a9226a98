import { A, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { ApiError, unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { AuthForm } from '../../lib/auth/auth-form.js';
import { NewPasswordField } from '../../lib/auth/new-password-field.js';
import { useMessages, useSharedMessages } from '../../lib/i18n/i18n-context.js';
import { AuthLayout } from '../../lib/layout/auth-layout.js';
import { createForm } from '../../lib/ui/create-form.js';
import { authMessages } from './messages.js';

/** `/reset-password?token=…`: the link from the reset mail; sets the new password once. */
export function ResetPasswordPage() {
  const t = useMessages(authMessages);
  const shared = useSharedMessages();
  const api = useApi();
  const [params] = useSearchParams<{ token?: string }>();
  const form = createForm();
  const [password, setPassword] = createSignal('');
  const [done, setDone] = createSignal(false);

  const reset = form.submit(async () => {
    await unwrap(
      api.POST('/v1/auth/password-reset', { body: { token: params.token ?? '', password: password() } }),
    );
    setDone(true);
  });

  const formMessage = () => {
    const error = form.error();
    if (!error) return undefined;
    if (error instanceof ApiError && error.fields.some((field) => field.path === 'token')) {
      return t('link.invalid');
    }
    if (error instanceof ApiError && error.status === 429) return t('tooMany');
    if (error instanceof ApiError && error.fields.length > 0) return shared('form.fixErrors');
    return shared('state.error');
  };

  return (
    <AuthLayout title={t('reset.title')} subtitle={t('reset.subtitle')}>
      <Show
        when={params.token}
        fallback={
          <p class="form__error" role="alert">
            {t('link.missing')}
          </p>
        }
      >
        <Show
          when={!done()}
          fallback={
            <p class="notice" role="status">
              {t('reset.done')}
            </p>
          }
        >
          <AuthForm
            onSubmit={reset}
            message={formMessage()}
            pending={form.pending()}
            submitLabel={t('reset.submit')}
          >
            <NewPasswordField
              value={password()}
              onChange={setPassword}
              error={form.fieldError('password')}
              autofocus
            />
          </AuthForm>
        </Show>
      </Show>
      <p class="auth__switch">
        <A href="/login">{t('toLogin')}</A>
      </p>
    </AuthLayout>
  );
}
