import { defineMessages } from '../../lib/i18n/catalog.js';

export const myDayMessages = defineMessages({
  en: {
    title: 'Due today (今日关怀)',
    none: 'Nothing of yours is due today.',
    next: 'Next: {{what}} for {{customer}} on {{date}}.',
    overdue: 'overdue since {{date}}',
    more: '{{count}} more due — open my tasks',
    more_one: '1 more due — open my tasks',
    all: 'All my tasks',
    aCustomer: 'a customer',
    alerts: '{{count}} open alerts for you (提醒)',
    alerts_one: '1 open alert for you (提醒)',
    alertsMore: 'More than {{count}} open alerts for you (提醒)',
  },
  'zh-CN': {
    title: '今日关怀',
    none: '今天没有到期的任务。',
    next: '下一项：{{date}} 为{{customer}}{{what}}。',
    overdue: '已于 {{date}} 到期',
    more: '还有 {{count}} 项到期 — 打开我的任务',
    more_one: '还有 1 项到期 — 打开我的任务',
    all: '我的全部任务',
    aCustomer: '客户',
    alerts: '您有 {{count}} 条待处理提醒',
    alerts_one: '您有 1 条待处理提醒',
    alertsMore: '您有超过 {{count}} 条待处理提醒',
  },
});
