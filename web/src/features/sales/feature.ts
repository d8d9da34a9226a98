import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

export const salesFeature = defineFeature({
  id: 'sales',
  nav: {
    href: '/sales',
    label: { en: 'Sales', 'zh-CN': '销售' },
    term: '销售漏斗',
    icon: 'sales',
    order: 32,
  },
  routes: [
    {
      path: '/sales',
      component: lazy(() =>
        import('./pipeline-page.js').then((module) => ({ default: module.PipelinePage })),
      ),
    },
    {
      path: '/sales/leads',
      component: lazy(() => import('./leads-page.js').then((module) => ({ default: module.LeadsPage }))),
    },
    {
      path: '/sales/lost-deals',
      component: lazy(() =>
        import('./lost-deals-page.js').then((module) => ({ default: module.LostDealsPage })),
      ),
    },
    {
      path: '/sales/opportunities/:opportunityId',
      component: lazy(() =>
        import('./opportunity-page.js').then((module) => ({ default: module.OpportunityPage })),
      ),
    },
  ],
});
