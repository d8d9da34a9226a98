import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

export const alertsFeature = defineFeature({
  id: 'alerts',
  nav: {
    href: '/alerts',
    label: { en: 'Alerts', 'zh-CN': '提醒' },
    term: '提醒',
    icon: 'alerts',
    order: 33,
  },
  routes: [
    {
      path: '/alerts',
      component: lazy(() => import('./alerts-page.js').then((module) => ({ default: module.AlertsPage }))),
    },
  ],
});
