import { RadioGroup } from '@kobalte/core/radio-group';
import { A, Navigate, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { ApiError } from '../api/errors.js';
import { useSharedMessages } from '../i18n/i18n-context.js';
import { AuthLayout } from '../layout/auth-layout.js';
import { useRuntimeInfo } from '../runtime/runtime-info.js';
import { Button } from '../ui/button.js';
import { createForm } from '../ui/create-form.js';
import { FormField } from '../ui/form-field.js';
import { AccountEmailField } from './account-email-field.js';
import { useAuth } from './auth-context.js';
import { AuthForm } from './auth-form.js';
import { safeNext } from './login-href.js';

type TenantChoice = { tenantId: string; tenantName: string };

function tenantChoicesOf(error: unknown): TenantChoice[] | undefined {
  if (!(error instanceof ApiError) || error.code !== 'tenant_choice_required') return undefined;
  const tenants = error.details.tenants;
  return Array.isArray(tenants) ? (tenants as TenantChoice[]) : undefined;
}

/** Log in; when the e-mail belongs to several tenants, pick one; then back to where the user was. */
export function LoginPage() {
  const t = useSharedMessages();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams<{ next?: string; expired?: string }>();
  const runtime = useRuntimeInfo();
  const form = createForm();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [tenants, setTenants] = createSignal<TenantChoice[]>();
  const [tenantId, setTenantId] = createSignal<string>();

  const login = form.submit(async () => {
    // Read before logging in: once the session exists this screen redirects and `params` follow.
    const next = safeNext(params.next);
    try {
      const chosen = tenantId();
      await auth.login({ email: email(), password: password(), ...(chosen ? { tenantId: chosen } : {}) });
      navigate(next, { replace: true });
    } catch (error) {
      const choices = tenantChoicesOf(error);
      if (!choices) throw error;
      setTenants(choices);
      setTenantId(choices[0]?.tenantId);
    }
  });

  const formMessage = () => {
    const error = form.error();
    if (!(error instanceof ApiError)) return error ? t('state.error') : undefined;
    if (error.status === 401) return t('auth.login.failed');
    if (error.status === 429) return t('auth.login.tooMany');
    return error.fields.length > 0 ? t('form.fixErrors') : error.message;
  };

  return (
    <Show when={!auth.session()} fallback={<Navigate href={safeNext(params.next)} />}>
      <AuthLayout title={t('auth.login.title')} subtitle={t('auth.login.subtitle')}>
        <Show when={params.expired}>
          <p class="notice" role="status">
            {t('auth.login.expired')}
          </p>
        </Show>
        <Show when={runtime()?.demo}>
          {(demo) => (
            <aside class="callout" aria-labelledby="demo-title">
              <p class="callout__title" id="demo-title">
                {t('auth.demo.title')}
              </p>
              <p class="callout__body">{t('auth.demo.body', demo())}</p>
              <Button
                variant="secondary"
                onClick={() => {
                  setEmail(demo().email);
                  setPassword(demo().password);
                }}
              >
                {t('auth.demo.use')}
              </Button>
            </aside>
          )}
        </Show>
        <AuthForm
          onSubmit={login}
          message={formMessage()}
          pending={form.pending()}
          submitLabel={tenants() ? t('auth.tenants.submit') : t('auth.login.submit')}
        >
          <Show
            when={tenants()}
            fallback={
              <>
                <AccountEmailField
                  value={email()}
                  onChange={setEmail}
                  error={form.fieldError('email')}
                  autofocus
                />
                <FormField
                  name="password"
                  type="password"
                  autocomplete="current-password"
                  label={t('auth.password')}
                  value={password()}
                  onChange={setPassword}
                  error={form.fieldError('password')}
                  required
                />
              </>
            }
          >
            {(choices) => (
              <RadioGroup class="radio-group" value={tenantId() ?? ''} onChange={setTenantId}>
                <RadioGroup.Label class="radio-group__label">{t('auth.tenants.title')}</RadioGroup.Label>
                <RadioGroup.Description class="field__description">
                  {t('auth.tenants.hint')}
                </RadioGroup.Description>
                <For each={choices()}>
                  {(choice) => (
                    <RadioGroup.Item value={choice.tenantId} class="radio">
                      <RadioGroup.ItemInput class="radio__input" />
                      <RadioGroup.ItemControl class="radio__control">
                        <RadioGroup.ItemIndicator class="radio__indicator" />
                      </RadioGroup.ItemControl>
                      <RadioGroup.ItemLabel class="radio__label">{choice.tenantName}</RadioGroup.ItemLabel>
                    </RadioGroup.Item>
                  )}
                </For>
              </RadioGroup>
            )}
          </Show>
        </AuthForm>
        <p class="auth__switch">
          <A href="/forgot-password">{t('auth.login.forgot')}</A>
        </p>
        <p class="auth__switch">
          {t('auth.login.noAccount')} <A href="/signup">{t('auth.login.toSignup')}</A>
        </p>
      </AuthLayout>
    </Show>
  );
}
