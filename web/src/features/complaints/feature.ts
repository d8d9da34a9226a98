import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

export const complaintsFeature = defineFeature({
  id: 'complaints',
  nav: {
    href: '/complaints',
    label: { en: 'Complaints', 'zh-CN': '客户投诉' },
    term: '客户投诉',
    icon: 'complaints',
    order: 33,
  },
  routes: [
    {
      path: '/complaints',
      component: lazy(() =>
        import('./complaints-board-page.js').then((module) => ({ default: module.ComplaintsBoardPage })),
      ),
    },
    {
      path: '/complaints/:complaintId',
      component: lazy(() =>
        import('./complaint-page.js').then((module) => ({ default: module.ComplaintPage })),
      ),
    },
  ],
});
