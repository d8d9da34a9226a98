import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

export const tasksFeature = defineFeature({
  id: 'tasks',
  nav: {
    href: '/tasks',
    label: { en: 'Tasks', 'zh-CN': '任务' },
    term: '关怀提醒',
    icon: 'tasks',
    order: 34,
  },
  routes: [
    {
      path: '/tasks',
      component: lazy(() => import('./tasks-page.js').then((module) => ({ default: module.TasksPage }))),
    },
  ],
});
