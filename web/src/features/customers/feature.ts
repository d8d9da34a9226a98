import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

export const customersFeature = defineFeature({
  id: 'customers',
  nav: {
    href: '/customers',
    label: { en: 'Customers', 'zh-CN': '客户' },
    term: '客户',
    icon: 'customers',
    order: 20,
  },
  routes: [
    {
      path: '/customers',
      component: lazy(() =>
        import('./customers-page.js').then((module) => ({ default: module.CustomersPage })),
      ),
    },
    {
      path: '/customers/:id',
      component: lazy(() =>
        import('./customer-360-page.js').then((module) => ({ default: module.Customer360Page })),
      ),
    },
  ],
});
