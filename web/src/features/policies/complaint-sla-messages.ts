import { defineMessages } from '../../lib/i18n/catalog.js';

/** The complaint SLA section's words (投诉处理时限), beside the service SLAs' own catalog. */
export const complaintSlaMessages = defineMessages({
  en: {
    tab: 'Complaint SLAs 投诉时限',
    title: 'Complaint SLAs (投诉处理时限)',
    description:
      'How many hours a complaint may wait in each step before it is overdue, by severity. Each night a late complaint is escalated once per step: an alert goes to the customer’s owner. A change applies from each complaint’s next step.',
    hoursFor: '{{step}}, {{severity}} (hours)',
    'row.recorded': 'Recorded → validity judged',
    'row.validated': 'Validated → department assigned',
    'row.assigned': 'Assigned → cause analysed',
    'row.analysed': 'Cause analysed → resolution proposed',
    'row.proposed': 'Proposed → supervisor’s approval',
    'row.approved': 'Approved → carried out',
    'row.carried_out': 'Carried out → reviewed',
    followUpDays: 'Service-recovery call (回访) after closing (days)',
  },
  'zh-CN': {
    tab: '投诉时限',
    title: '投诉处理时限',
    description:
      '投诉在各步骤可停留的小时数，按严重程度设定。每晚对超时的投诉按步骤升级一次：提醒发给客户负责人。修改从每个投诉的下一个步骤起生效。',
    hoursFor: '{{step}}，{{severity}}（小时）',
    'row.recorded': '记录投诉 → 判断成立',
    'row.validated': '判断成立 → 确定责任部门',
    'row.assigned': '确定部门 → 分析原因',
    'row.analysed': '分析原因 → 提出处理方案',
    'row.proposed': '提出方案 → 主管审批',
    'row.approved': '主管审批 → 实施处理',
    'row.carried_out': '实施处理 → 总结评价',
    followUpDays: '结案后服务补救回访（天）',
  },
});
