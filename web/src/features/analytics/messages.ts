import { defineMessages } from '../../lib/i18n/catalog.js';

export const analyticsMessages = defineMessages({
  en: {
    title: 'Analytics',
    description: 'Customer value (客户价值): the model fit behind every score, and how well it predicts.',
    'placeholder.title': 'This screen is on its way',
    'placeholder.body': 'The navigation, sign-in and language already work; this screen comes next.',
  },
  'zh-CN': {
    title: '客户价值分析',
    description: '客户价值模型的拟合结果及其预测效果。',
    'placeholder.title': '此页面即将上线',
    'placeholder.body': '导航、登录和语言切换已可使用，此页面将随后推出。',
  },
});
