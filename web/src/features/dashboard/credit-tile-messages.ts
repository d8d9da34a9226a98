import { defineMessages } from '../../lib/i18n/catalog.js';

export const creditTileMessages = defineMessages({
  en: {
    title: 'Credit and churn at a glance',
    holds: 'On credit hold',
    holdsLink: 'Open the hold list',
    overdue: 'Overdue receivables',
    overdueHint: '{{customers}} customers past due beyond the margin',
    overdueLink: 'See who is held',
    atRisk: 'Value at risk',
    atRiskHint: '12-month CLV of {{customers}} valuable customers at risk',
    atRiskLink: 'Open the alerts',
    capped: 'at least',
  },
  'zh-CN': {
    title: '信用与流失概览',
    holds: '信用冻结',
    holdsLink: '查看冻结名单',
    overdue: '逾期应收账款',
    overdueHint: '{{customers}} 位客户超过宽限期未付',
    overdueLink: '查看冻结客户',
    atRisk: '流失风险价值',
    atRiskHint: '{{customers}} 位有流失风险的重要客户的 12 个月 CLV',
    atRiskLink: '查看提醒',
    capped: '至少',
  },
});
