import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

export const dashboardFeature = defineFeature({
  id: 'dashboard',
  nav: { href: '/dashboard', label: { en: 'Dashboard', 'zh-CN': '仪表盘' }, icon: 'dashboard', order: 10 },
  routes: [
    {
      path: '/dashboard',
      component: lazy(() =>
        import('./dashboard-page.js').then((module) => ({ default: module.DashboardPage })),
      ),
    },
  ],
});
