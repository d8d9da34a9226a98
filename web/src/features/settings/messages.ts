import { defineMessages } from '../../lib/i18n/catalog.js';

export const settingsMessages = defineMessages({
  en: {
    title: 'Settings',
    description: 'Your tenant, users and roles, API keys, custom fields and partner shares.',
    'placeholder.title': 'This screen is on its way',
    'placeholder.body': 'The navigation, sign-in and language already work; this screen comes next.',
  },
  'zh-CN': {
    title: '设置',
    description: '租户、用户与角色、API 密钥、自定义字段和合作伙伴共享。',
    'placeholder.title': '此页面即将上线',
    'placeholder.body': '导航、登录和语言切换已可使用，此页面将随后推出。',
  },
});
