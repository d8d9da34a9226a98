import { lazy } from 'solid-js';
import { defineFeature } from '../../lib/features/feature.js';

export const surveysFeature = defineFeature({
  id: 'surveys',
  nav: {
    href: '/surveys',
    label: { en: 'Surveys', 'zh-CN': '满意度调查' },
    term: '满意度调查',
    icon: 'surveys',
    order: 36,
  },
  routes: [
    {
      path: '/surveys',
      component: lazy(() => import('./surveys-page.js').then((module) => ({ default: module.SurveysPage }))),
    },
    {
      path: '/surveys/:surveyId',
      component: lazy(() => import('./survey-page.js').then((module) => ({ default: module.SurveyPage }))),
    },
  ],
});
