import { defineMessages } from '../../../lib/i18n/catalog.js';

export const customerPickerMessages = defineMessages({
  en: {
    search: 'Search customers',
    hint: 'Type the start of a name.',
    picked: 'Chosen: {{name}}',
    none: 'No customer matches.',
    results: 'Customers found',
  },
  'zh-CN': {
    search: '搜索客户',
    hint: '输入名称的开头。',
    picked: '已选：{{name}}',
    none: '没有匹配的客户。',
    results: '找到的客户',
  },
});
