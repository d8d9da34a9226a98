import { defineMessages } from '../../lib/i18n/catalog.js';

export const customersMessages = defineMessages({
  en: {
    title: 'Customers',
    description: 'Your customer book: search, filter and open any customer’s 360° view (360度客户视图).',
    'placeholder.title': 'This screen is on its way',
    'placeholder.body': 'The navigation, sign-in and language already work; this screen comes next.',
  },
  'zh-CN': {
    title: '客户',
    description: '客户档案：搜索、筛选并打开任一客户的 360度客户视图。',
    'placeholder.title': '此页面即将上线',
    'placeholder.body': '导航、登录和语言切换已可使用，此页面将随后推出。',
  },
});
