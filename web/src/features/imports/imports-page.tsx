import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Page } from '../../lib/ui/page.js';
import { EmptyState } from '../../lib/ui/states.js';
import { importsMessages } from './messages.js';

/** Placeholder: the screen itself is built on this foundation later (issue 18). */
export function ImportsPage() {
  const t = useMessages(importsMessages);
  return (
    <Page title={t('title')} term="数据迁移" description={t('description')}>
      <EmptyState title={t('placeholder.title')}>{t('placeholder.body')}</EmptyState>
    </Page>
  );
}
