import { useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { ApiError } from '../api/errors.js';
import { useSharedMessages } from '../i18n/i18n-context.js';
import { AuthLayout } from '../layout/auth-layout.js';
import { createForm } from '../ui/create-form.js';
import { FormField } from '../ui/form-field.js';
import { useAuth } from './auth-context.js';
import { AuthForm } from './auth-form.js';
import { NewPasswordField } from './new-password-field.js';

/** `/invite?token=…`: the invitation link from the e-mail; set a password (and name) and join. */
export function AcceptInvitationPage() {
  const t = useSharedMessages();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams<{ token?: string }>();
  const form = createForm();
  const [name, setName] = createSignal('');
  const [password, setPassword] = createSignal('');

  const accept = form.submit(async () => {
    const token = params.token ?? '';
    await auth.acceptInvitation({ token, password: password(), ...(name().trim() ? { name: name() } : {}) });
    navigate('/dashboard', { replace: true });
  });

  const formMessage = () => {
    const error = form.error();
    if (!error) return undefined;
    if (error instanceof ApiError && (error.status === 401 || error.status === 404))
      return t('auth.invite.invalid');
    if (error instanceof ApiError && error.status === 429) return t('auth.login.tooMany');
    if (error instanceof ApiError && error.fields.length > 0) return t('form.fixErrors');
    return error instanceof Error ? error.message : t('state.error');
  };

  return (
    <AuthLayout title={t('auth.invite.title')} subtitle={t('auth.invite.subtitle')}>
      <Show
        when={params.token}
        fallback={
          <p class="form__error" role="alert">
            {t('auth.invite.missingToken')}
          </p>
        }
      >
        <AuthForm
          onSubmit={accept}
          message={formMessage()}
          pending={form.pending()}
          submitLabel={t('auth.invite.submit')}
        >
          <FormField
            name="name"
            label={t('auth.invite.name')}
            autocomplete="name"
            value={name()}
            onChange={setName}
            error={form.fieldError('name')}
            autofocus
          />
          <NewPasswordField value={password()} onChange={setPassword} error={form.fieldError('password')} />
        </AuthForm>
      </Show>
    </AuthLayout>
  );
}
