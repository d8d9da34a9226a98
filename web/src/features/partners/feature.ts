import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

/** Tenant admins: the dealer organisations, their users and what is shared with them. */
export const partnersFeature = defineFeature({
  id: 'partners',
  nav: {
    href: '/partners',
    label: { en: 'Partners', 'zh-CN': '合作伙伴' },
    term: '经销商',
    icon: 'customers',
    order: 48,
    section: 'admin',
  },
  routes: [
    {
      path: '/partners',
      component: lazy(() =>
        import('./organisations-page.js').then((module) => ({ default: module.OrganisationsPage })),
      ),
    },
    {
      path: '/partners/:organisationId',
      component: lazy(() =>
        import('./organisation-page.js').then((module) => ({ default: module.OrganisationPage })),
      ),
    },
  ],
});

/** A partner user's home: its portal, the one entry a partner's sidebar shows. */
export const partnerPortalFeature = defineFeature({
  id: 'partner-portal',
  nav: {
    href: '/partner',
    label: { en: 'My portal', 'zh-CN': '我的门户' },
    term: '经销商门户',
    icon: 'dashboard',
    order: 5,
    audience: 'partners',
  },
  routes: [
    {
      path: '/partner',
      component: lazy(() => import('./portal-page.js').then((module) => ({ default: module.PortalPage }))),
    },
  ],
});
