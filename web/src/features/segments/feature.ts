import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

export const segmentsFeature = defineFeature({
  id: 'segments',
  nav: {
    href: '/segments',
    label: { en: 'Segments', 'zh-CN': '客户细分' },
    term: '客户细分',
    icon: 'segments',
    order: 37,
    section: 'work',
  },
  routes: [
    {
      path: '/segments',
      component: lazy(() =>
        import('./segments-page.js').then((module) => ({ default: module.SegmentsPage })),
      ),
    },
    {
      path: '/segments/:segmentId',
      component: lazy(() => import('./segment-page.js').then((module) => ({ default: module.SegmentPage }))),
    },
  ],
});
