import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

export const settingsFeature = defineFeature({
  id: 'settings',
  nav: {
    href: '/settings',
    label: { en: 'Settings', 'zh-CN': '设置' },
    icon: 'settings',
    order: 50,
    section: 'admin',
  },
  routes: [
    {
      path: '/settings',
      component: lazy(() =>
        import('./settings-page.js').then((module) => ({ default: module.SettingsPage })),
      ),
    },
  ],
});
