import { A } from '@solidjs/router';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { serviceMessages } from './messages.js';

/** The three service screens, side by side. */
export function ServiceNav() {
  const t = useMessages(serviceMessages);
  return (
    <nav class="service-nav" aria-label={t('board.title')}>
      <A href="/service" end activeClass="service-nav__link--active" class="service-nav__link">
        {t('nav.board')}
      </A>
      <A href="/service/calendar" activeClass="service-nav__link--active" class="service-nav__link">
        {t('nav.calendar')}
      </A>
      <A href="/service/plans" activeClass="service-nav__link--active" class="service-nav__link">
        {t('nav.plans')}
      </A>
    </nav>
  );
}
