import { defineMessages } from '../../lib/i18n/catalog.js';

export const suggestedLimitMessages = defineMessages({
  en: {
    heading: 'Suggested limit',
    value: 'Suggested: {{limit}}',
    same: 'The current limit is the suggestion.',
    'step.expected_need': 'Expected need within the term',
    'step.payment_behaviour': 'Scaled by payment behaviour',
    'step.clv_cap': 'Capped at the 12-month CLV',
    'step.minimum_one_order': 'At least one ordinary order (pays on time)',
    inputs:
      'From {{orders}} expected orders in {{term}} days × average order {{aov}}; paid on time: {{onTime}}; CLV: {{clv}}.',
    unknown: 'unknown',
    accept: 'Accept the suggestion',
    reason: 'accepted suggestion',
  },
  'zh-CN': {
    heading: '建议额度',
    value: '建议：{{limit}}',
    same: '当前额度即为建议额度。',
    'step.expected_need': '信用期限内的预计需求',
    'step.payment_behaviour': '按付款表现调整',
    'step.clv_cap': '不超过 12 个月 CLV',
    'step.minimum_one_order': '至少一笔普通订单（按时付款）',
    inputs:
      '依据：{{term}} 天内预计 {{orders}} 笔订单 × 平均订单 {{aov}}；按时付款比例：{{onTime}}；CLV：{{clv}}。',
    unknown: '未知',
    accept: '接受建议',
    reason: 'accepted suggestion',
  },
});
