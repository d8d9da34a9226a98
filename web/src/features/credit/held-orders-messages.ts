import { defineMessages } from '../../lib/i18n/catalog.js';

export const heldOrdersMessages = defineMessages({
  en: {
    heading: 'Held orders',
    empty: 'No held order is waiting.',
    order: 'Order of {{amount}} on {{date}}',
    reason: 'Reason for rejecting',
    reject: 'Reject',
    rejectOrder: 'Reject the order of {{amount}}',
  },
  'zh-CN': {
    heading: '被冻结的订单',
    empty: '没有等待处理的冻结订单。',
    order: '{{date}} 的订单，金额 {{amount}}',
    reason: '拒绝原因',
    reject: '拒绝',
    rejectOrder: '拒绝金额为 {{amount}} 的订单',
  },
});
