import { A } from '@solidjs/router';
import { useSharedMessages } from '../i18n/i18n-context.js';
import { Page } from '../ui/page.js';
import { EmptyState } from '../ui/states.js';

export function NotFoundPage() {
  const t = useSharedMessages();
  return (
    <Page title={t('state.notFound')}>
      <EmptyState title={t('state.notFoundHint')} action={<A href="/dashboard">{t('state.backHome')}</A>} />
    </Page>
  );
}
