import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

export const policiesFeature = defineFeature({
  id: 'policies',
  nav: {
    href: '/settings/policies',
    label: { en: 'Policies', 'zh-CN': '策略设置' },
    term: '信用政策',
    icon: 'policy',
    section: 'admin',
    order: 52,
  },
  routes: [
    {
      path: '/settings/policies',
      component: lazy(() =>
        import('./policies-page.js').then((module) => ({ default: module.PoliciesPage })),
      ),
    },
  ],
});
