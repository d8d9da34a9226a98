import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

export const kpisFeature = defineFeature({
  id: 'kpis',
  nav: {
    href: '/kpis',
    label: { en: 'KPIs', 'zh-CN': '评估' },
    term: '评估',
    icon: 'kpis',
    order: 12,
  },
  routes: [
    {
      path: '/kpis',
      component: lazy(() => import('./kpis-page.js').then((module) => ({ default: module.KpisPage }))),
    },
  ],
});
