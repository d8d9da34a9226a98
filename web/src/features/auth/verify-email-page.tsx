import { A, useSearchParams } from '@solidjs/router';
import { createResource, Match, Switch } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AuthLayout } from '../../lib/layout/auth-layout.js';
import { MailLinkRequest } from './mail-link-request.js';
import { authMessages } from './messages.js';

/**
 * `/verify-email?token=…`: the link from the confirmation mail, confirmed on arrival; a used or
 * expired link offers to mail a new one.
 */
export function VerifyEmailPage() {
  const t = useMessages(authMessages);
  const api = useApi();
  const [params] = useSearchParams<{ token?: string }>();
  const [confirmed] = createResource(
    () => params.token,
    async (token) => {
      await unwrap(api.POST('/v1/auth/verify-email', { body: { token } }));
      return true;
    },
  );

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
        {/* Before `confirmed()`: reading a resource that failed throws its error. */}
        <Match when={confirmed.error}>
          <p class="form__error" role="alert">
            {t('link.invalid')}
          </p>
          <MailLinkRequest
            request={(body) => unwrap(api.POST('/v1/auth/verify-email/request', { body }))}
            submitLabel={t('verify.resend')}
          />
        </Match>
        <Match when={confirmed()}>
          <p class="notice" role="status">
            {t('verify.done')}
          </p>
        </Match>
      </Switch>
      <p class="auth__switch">
        <A href="/login">{t('toLogin')}</A>
      </p>
    </AuthLayout>
  );
}
