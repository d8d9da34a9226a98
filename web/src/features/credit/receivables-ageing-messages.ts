import { defineMessages } from '../../lib/i18n/catalog.js';

export const receivablesAgeingMessages = defineMessages({
  en: {
    heading: 'Receivables ageing',
    description: 'What customers owe, by days past due (as of {{date}}); the oldest money first.',
    empty: 'Nobody owes anything.',
    customer: 'Customer',
    open: 'Open',
    total: 'All customers',
    more: '{{count}} more customers owe, less long overdue.',
    more_one: 'One more customer owes, less long overdue.',
    capped: 'Counted from the first 10,000 open receivables.',
  },
  'zh-CN': {
    heading: '应收账款账龄分析',
    description: '客户欠款按逾期天数分段（截至 {{date}}），逾期最久的排在前面。',
    empty: '暂无应收账款。',
    customer: '客户',
    open: '未收金额',
    total: '全部客户',
    more: '另有 {{count}} 位客户欠款，逾期较短。',
    more_one: '另有 1 位客户欠款，逾期较短。',
    capped: '按前 10,000 笔未收应收账款统计。',
  },
});
