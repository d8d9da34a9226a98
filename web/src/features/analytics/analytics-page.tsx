import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Page } from '../../lib/ui/page.js';
import { EmptyState } from '../../lib/ui/states.js';
import { analyticsMessages } from './messages.js';

/** Placeholder: the screen itself is built on this foundation later (issue 18). */
export function AnalyticsPage() {
  const t = useMessages(analyticsMessages);
  return (
    <Page title={t('title')} term="客户价值" description={t('description')}>
      <EmptyState title={t('placeholder.title')}>{t('placeholder.body')}</EmptyState>
    </Page>
  );
}
