import { defineMessages } from './catalog.js';

/**
 * Customer terms that several screens show (kinds, statuses, RFM segments), once: the English name
 * with the Chinese term from DOMAIN.md beside it, and the Chinese term alone. Feature catalogs spread
 * these tables into their own, so `t('segment.at-risk')` reads the same everywhere.
 */
export const customerTerms = defineMessages({
  en: {
    'kind.consumer': 'Consumer (个人客户)',
    'kind.business': 'Business (企业客户)',
    'kind.distributor': 'Distributor (经销商)',
    'kind.agent': 'Agent (代理)',
    'kind.government': 'Government (政府)',
    'kind.other': 'Other (其他)',
    'status.prospect': 'Prospect (潜在)',
    'status.active': 'Active (活跃)',
    'status.dormant': 'Dormant (休眠)',
    'status.lost': 'Lost (流失)',
    'segment.champions': 'Champions (重要价值客户)',
    'segment.loyal': 'Loyal (忠诚客户)',
    'segment.potential-loyalist': 'Potential loyalist (潜力客户)',
    'segment.new': 'New (新客户)',
    'segment.promising': 'Promising (有希望客户)',
    'segment.need-attention': 'Need attention (需关注客户)',
    'segment.cant-lose': 'Can’t lose (不能流失客户)',
    'segment.at-risk': 'At risk (风险客户)',
    'segment.hibernating': 'Hibernating (休眠客户)',
    'segment.lost': 'Lost (流失客户)',
  },
  'zh-CN': {
    'kind.consumer': '个人客户',
    'kind.business': '企业客户',
    'kind.distributor': '经销商',
    'kind.agent': '代理',
    'kind.government': '政府',
    'kind.other': '其他',
    'status.prospect': '潜在',
    'status.active': '活跃',
    'status.dormant': '休眠',
    'status.lost': '流失',
    'segment.champions': '重要价值客户',
    'segment.loyal': '忠诚客户',
    'segment.potential-loyalist': '潜力客户',
    'segment.new': '新客户',
    'segment.promising': '有希望客户',
    'segment.need-attention': '需关注客户',
    'segment.cant-lose': '不能流失客户',
    'segment.at-risk': '风险客户',
    'segment.hibernating': '休眠客户',
    'segment.lost': '流失客户',
  },
});
