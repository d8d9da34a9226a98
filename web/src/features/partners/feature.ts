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
