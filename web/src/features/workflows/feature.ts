import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

export const workflowsFeature = defineFeature({
  id: 'workflows',
  nav: {
    href: '/settings/workflows',
    label: { en: 'Workflows', 'zh-CN': '工作流程' },
    icon: 'workflow',
    section: 'admin',
    order: 56,
  },
  routes: [
    {
      path: '/settings/workflows',
      component: lazy(() =>
        import('./workflows-page.js').then((module) => ({ default: module.WorkflowsPage })),
      ),
    },
  ],
});
