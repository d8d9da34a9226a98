import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

export const analyticsFeature = defineFeature({
  id: 'analytics',
  nav: {
    href: '/analytics',
    label: { en: 'Analytics', 'zh-CN': '客户价值分析' },
    term: '客户价值',
    icon: 'analytics',
    order: 40,
  },
  routes: [
    {
      path: '/analytics',
      component: lazy(() =>
        import('./analytics-page.js').then((module) => ({ default: module.AnalyticsPage })),
      ),
    },
  ],
});
