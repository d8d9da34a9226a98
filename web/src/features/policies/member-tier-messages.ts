import { defineMessages } from '../../lib/i18n/catalog.js';

/** The member programme's words (会员等级), apart from the policies catalog other sections share. */
export const memberTierMessages = defineMessages({
  en: {
    tab: 'Member tiers',
    badge: 'Member tier',
    title: 'Member tiers (会员等级)',
    description:
      'Customers move up to the highest tier whose value and order count (within the window) they reach, on each order and every night. Tiers only go up; an upgrade creates a care task for the owner.',
    valueBasis: 'Value measured on',
    'valueBasis.monetary': 'Total order value',
    'valueBasis.clv': 'Customer lifetime value (CLV)',
    windowDays: 'Orders counted over the last … days',
    tier: 'Tier {{number}}',
    key: 'Key',
    nameEn: 'Name (English)',
    nameZh: 'Name (中文)',
    minValue: 'From value',
    minOrders: 'And orders',
    invalidAmount: 'Enter an amount, e.g. 1000.00',
    add: 'Add tier',
    remove: 'Remove tier {{number}}',
  },
  'zh-CN': {
    tab: '会员等级',
    badge: '会员等级',
    title: '会员等级',
    description:
      '客户在每次下单及每晚评估时，升至其价值与（期间内）订单数均达到的最高等级。等级只升不降；升级时为负责人创建关怀任务。',
    valueBasis: '价值口径',
    'valueBasis.monetary': '订单总额',
    'valueBasis.clv': '客户终生价值（CLV）',
    windowDays: '统计最近多少天的订单',
    tier: '等级 {{number}}',
    key: '标识',
    nameEn: '名称（英文）',
    nameZh: '名称（中文）',
    minValue: '价值下限',
    minOrders: '订单数下限',
    invalidAmount: '请输入金额，例如 1000.00',
    add: '添加等级',
    remove: '删除等级 {{number}}',
  },
});
