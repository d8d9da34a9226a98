import { A, Navigate, useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { ApiError } from '../api/errors.js';
import { useLocale, useSharedMessages } from '../i18n/i18n-context.js';
import { AuthLayout } from '../layout/auth-layout.js';
import { createForm } from '../ui/create-form.js';
import { FormField } from '../ui/form-field.js';
import { AccountEmailField } from './account-email-field.js';
import { useAuth } from './auth-context.js';
import { AuthForm } from './auth-form.js';
import { NewPasswordField } from './new-password-field.js';

/** Sign up: creates a tenant with the user as its owner, in the language chosen on screen. */
export function SignupPage() {
  const t = useSharedMessages();
  const { locale } = useLocale();
  const auth = useAuth();
  const navigate = useNavigate();
  const form = createForm();
  const [tenantName, setTenantName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [checkEmail, setCheckEmail] = createSignal(false);

  const signup = form.submit(async () => {
    setCheckEmail(false);
    const outcome = await auth.signup({
      tenantName: tenantName(),
      email: email(),
      password: password(),
      locale: locale(),
    });
    if (outcome === 'check-email') setCheckEmail(true);
    else navigate('/dashboard', { replace: true });
  });

  const formMessage = () => {
    const error = form.error();
    if (!error) return undefined;
    if (error instanceof ApiError) return error.fields.length > 0 ? t('form.fixErrors') : error.message;
    return t('state.error');
  };

  return (
    <Show when={!auth.session()} fallback={<Navigate href="/dashboard" />}>
      <AuthLayout title={t('auth.signup.title')} subtitle={t('auth.signup.subtitle')}>
        <Show when={checkEmail()}>
          <p class="notice" role="status">
            {t('auth.signup.checkEmail')}
          </p>
        </Show>
        <AuthForm
          onSubmit={signup}
          message={formMessage()}
          pending={form.pending()}
          submitLabel={t('auth.signup.submit')}
        >
          <FormField
            name="tenantName"
            label={t('auth.signup.tenantName')}
            autocomplete="organization"
            value={tenantName()}
            onChange={setTenantName}
            error={form.fieldError('tenantName')}
            required
            autofocus
          />
          <AccountEmailField value={email()} onChange={setEmail} error={form.fieldError('email')} />
          <NewPasswordField value={password()} onChange={setPassword} error={form.fieldError('password')} />
        </AuthForm>
        <p class="auth__switch">
          {t('auth.signup.haveAccount')} <A href="/login">{t('auth.signup.toLogin')}</A>
        </p>
      </AuthLayout>
    </Show>
  );
}
