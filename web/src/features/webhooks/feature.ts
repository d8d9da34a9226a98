import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

export const webhooksFeature = defineFeature({
  id: 'webhooks',
  nav: {
    href: '/settings/webhooks',
    label: { en: 'Webhooks', 'zh-CN': 'Webhook 推送' },
    icon: 'webhook',
    section: 'admin',
    order: 55,
  },
  routes: [
    {
      path: '/settings/webhooks',
      component: lazy(() =>
        import('./webhooks-page.js').then((module) => ({ default: module.WebhooksPage })),
      ),
    },
  ],
});
