import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

export const serviceFeature = defineFeature({
  id: 'service',
  nav: {
    href: '/service',
    label: { en: 'Service', 'zh-CN': '客户服务' },
    term: '客户服务',
    icon: 'service',
    order: 34,
  },
  routes: [
    {
      path: '/service',
      component: lazy(() =>
        import('./service-board-page.js').then((module) => ({ default: module.ServiceBoardPage })),
      ),
    },
    {
      path: '/service/requests/:requestId',
      component: lazy(() =>
        import('./service-request-page.js').then((module) => ({ default: module.ServiceRequestPage })),
      ),
    },
    {
      path: '/service/calendar',
      component: lazy(() =>
        import('./technician-calendar-page.js').then((module) => ({
          default: module.TechnicianCalendarPage,
        })),
      ),
    },
    {
      path: '/service/plans',
      component: lazy(() =>
        import('./service-plans-page.js').then((module) => ({ default: module.ServicePlansPage })),
      ),
    },
  ],
});
