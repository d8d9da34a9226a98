import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

export const campaignsFeature = defineFeature({
  id: 'campaigns',
  nav: {
    href: '/campaigns',
    label: { en: 'Campaigns', 'zh-CN': '批量沟通' },
    term: '批量沟通',
    icon: 'campaigns',
    order: 38,
    section: 'work',
  },
  routes: [
    {
      path: '/campaigns',
      component: lazy(() =>
        import('./campaigns-page.js').then((module) => ({ default: module.CampaignsPage })),
      ),
    },
    {
      path: '/campaigns/:campaignId',
      component: lazy(() =>
        import('./campaign-page.js').then((module) => ({ default: module.CampaignPage })),
      ),
    },
  ],
});
