import { defineMessages } from '../../lib/i18n/catalog.js';

export const importsMessages = defineMessages({
  en: {
    title: 'Imports',
    description: 'Bring customers and orders over from an old system as CSV, and export them again.',
    'placeholder.title': 'This screen is on its way',
    'placeholder.body': 'The navigation, sign-in and language already work; this screen comes next.',
  },
  'zh-CN': {
    title: '数据迁移',
    description: '以 CSV 从旧系统导入客户和订单，也可再次导出。',
    'placeholder.title': '此页面即将上线',
    'placeholder.body': '导航、登录和语言切换已可使用，此页面将随后推出。',
  },
});
