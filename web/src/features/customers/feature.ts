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
        import('./customers-list-page.js').then((module) => ({ default: module.CustomersListPage })),
      ),
    },
    // Before `/customers/:id`, so `new` is not read as a customer id.
    {
      path: '/customers/new',
      component: lazy(() =>
        import('./customer-form-page.js').then((module) => ({ default: module.CustomerFormPage })),
      ),
    },
    {
      path: '/customers/:id/edit',
      component: lazy(() =>
        import('./customer-form-page.js').then((module) => ({ default: module.CustomerFormPage })),
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
