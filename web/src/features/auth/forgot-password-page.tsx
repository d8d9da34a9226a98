import { A } from '@solidjs/router';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AuthLayout } from '../../lib/layout/auth-layout.js';
import { MailLinkRequest } from './mail-link-request.js';
import { authMessages } from './messages.js';

/** `/forgot-password`: asks for a reset link; the answer is the same whether or not the e-mail is known. */
export function ForgotPasswordPage() {
  const t = useMessages(authMessages);
  const api = useApi();
  return (
    <AuthLayout title={t('forgot.title')} subtitle={t('forgot.subtitle')}>
      <MailLinkRequest
        request={(body) => unwrap(api.POST('/v1/auth/password-reset/request', { body }))}
        submitLabel={t('forgot.submit')}
        autofocus
      />
      <p class="auth__switch">
        <A href="/login">{t('toLogin')}</A>
      </p>
    </AuthLayout>
  );
}
