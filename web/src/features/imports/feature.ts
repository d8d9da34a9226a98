import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

export const importsFeature = defineFeature({
  id: 'imports',
  nav: {
    href: '/imports',
    label: { en: 'Imports', 'zh-CN': '数据迁移' },
    term: '数据迁移',
    icon: 'imports',
    order: 30,
  },
  routes: [
    {
      path: '/imports',
      component: lazy(() => import('./imports-page.js').then((module) => ({ default: module.ImportsPage }))),
    },
  ],
});
