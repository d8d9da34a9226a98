import { defineMessages } from '../../lib/i18n/catalog.js';

export const receivablesMessages = defineMessages({
  en: {
    heading: 'Open receivables (应收账款)',
    empty: 'Nothing is owed.',
    'column.issued': 'Issued',
    'column.due': 'Due',
    'column.amount': 'Amount',
    'column.paid': 'Paid',
    'column.open': 'Still owed',
    'column.standing': 'Standing',
    notDue: 'Not due yet',
    dueToday: 'Due today',
    pastDue: '{{days}} days past due',
    pastDue_one: '1 day past due',
    unrated: 'Not in the credit figures: credit is kept in {{currency}}',
    uncounted:
      'Orders in {{currencies}} are not in credit control: credit is kept in {{currency}}, so they are not listed here and count towards no limit.',
    settled: '{{count}} settled receivables',
    settled_one: '1 settled receivable',
  },
  'zh-CN': {
    heading: '未结应收账款',
    empty: '没有欠款。',
    'column.issued': '开票日期',
    'column.due': '到期日',
    'column.amount': '金额',
    'column.paid': '已付',
    'column.open': '未付',
    'column.standing': '状态',
    notDue: '未到期',
    dueToday: '今天到期',
    pastDue: '逾期 {{days}} 天',
    pastDue_one: '逾期 1 天',
    unrated: '不计入信用额度：信用以 {{currency}} 计',
    uncounted:
      '以 {{currencies}} 计价的订单不在信用控制之内：信用以 {{currency}} 计，这些订单不在此列出，也不占用信用额度。',
    settled: '已结清 {{count}} 笔',
    settled_one: '已结清 1 笔',
  },
});
