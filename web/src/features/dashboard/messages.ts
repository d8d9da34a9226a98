import { defineMessages } from '../../lib/i18n/catalog.js';

export const dashboardMessages = defineMessages({
  en: {
    title: 'Dashboard',
    welcome: 'Welcome to {{tenant}}',
    'kpi.customers': 'Customers',
    'kpi.withOrders': 'With orders',
    'kpi.repeaters': 'Repeat buyers',
    'kpi.expectedRevenue': 'Expected revenue (CLV, 客户终生价值)',
    'kpi.expectedRevenueHint': 'Next {{months}} months',
    asOf: 'Figures as of {{date}}',
    'empty.title': 'No figures yet',
    'empty.import': 'Import customers (数据迁移)',
    'empty.customers': 'Open the customer book',
    'empty.body':
      'Add customers and their orders (or import them). The value model is fitted every night, or from Analytics, and the figures appear here.',
  },
  'zh-CN': {
    title: '仪表盘',
    welcome: '欢迎使用 {{tenant}}',
    'kpi.customers': '客户',
    'kpi.withOrders': '有订单的客户',
    'kpi.repeaters': '重复购买客户',
    'kpi.expectedRevenue': '预期收入（客户终生价值）',
    'kpi.expectedRevenueHint': '未来 {{months}} 个月',
    asOf: '数据截至 {{date}}',
    'empty.title': '暂无数据',
    'empty.import': '导入客户（数据迁移）',
    'empty.customers': '打开客户档案',
    'empty.body':
      '添加客户及其订单（或导入数据）。价值模型每晚拟合一次，也可在“客户价值分析”中手动拟合，之后数据将显示在此处。',
  },
});
