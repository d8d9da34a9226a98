import { defineMessages } from '../i18n/catalog.js';

/** The first-run banner that says the demo data is still being loaded. */
export const seedBannerMessages = defineMessages({
  en: {
    seeding: 'Loading the demo data…',
    fitting: 'Fitting the value models…',
    saving: 'Saving…',
    ready: 'Demo data ready',
    failed: 'Loading the demo data failed: {{error}}',
    failedUnknown: 'Loading the demo data failed.',
    countOf: '{{done}} of {{total}} {{what}}',
    count: '{{done}} {{what}}',
    customers: 'customers',
    orders: 'orders',
    percent: '({{percent}})',
    progress: 'Demo data progress',
  },
  'zh-CN': {
    seeding: '正在载入演示数据…',
    fitting: '正在拟合客户价值模型…',
    saving: '正在保存…',
    ready: '演示数据已就绪',
    failed: '演示数据载入失败：{{error}}',
    failedUnknown: '演示数据载入失败。',
    countOf: '{{done}} / {{total}} {{what}}',
    count: '{{done}} {{what}}',
    customers: '位客户',
    orders: '笔订单',
    percent: '（{{percent}}）',
    progress: '演示数据进度',
  },
});
