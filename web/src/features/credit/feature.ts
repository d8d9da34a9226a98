import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

export const creditFeature = defineFeature({
  id: 'credit',
  nav: {
    href: '/credit/holds',
    label: { en: 'Credit holds', 'zh-CN': '信用冻结' },
    term: '信用',
    icon: 'credit',
    order: 35,
  },
  routes: [
    {
      path: '/credit/holds',
      component: lazy(() =>
        import('./credit-holds-page.js').then((module) => ({ default: module.CreditHoldsPage })),
      ),
    },
  ],
});
