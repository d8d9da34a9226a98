import { A } from '@solidjs/router';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { salesMessages } from './messages.js';

/** The sales screens' own navigation: the board, the leads, the lost-deal report. */
export function SalesTabs() {
  const t = useMessages(salesMessages);
  return (
    <nav class="sales-tabs" aria-label={t('title')}>
      <A href="/sales" end activeClass="sales-tabs__active">
        {t('nav.pipeline')}
      </A>
      <A href="/sales/leads" activeClass="sales-tabs__active">
        {t('nav.leads')}
      </A>
      <A href="/sales/lost-deals" activeClass="sales-tabs__active">
        {t('nav.lost')}
      </A>
    </nav>
  );
}
