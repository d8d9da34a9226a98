import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

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
