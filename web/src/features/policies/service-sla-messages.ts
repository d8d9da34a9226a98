import { defineMessages } from '../../lib/i18n/catalog.js';

/** The service SLA section's words (服务时限), apart from the policies catalog other sections share. */
export const serviceSlaMessages = defineMessages({
  en: {
    tab: 'Service SLAs 服务时限',
    title: 'Service request SLAs (服务时限)',
    description:
      'How many hours a service request may wait in each status before it is overdue, by priority. Each night a late request is escalated once per status: an alert goes to the technician it was dispatched to, else to the customer’s owner. A change applies from each request’s next status.',
    hoursFor: '{{status}}, {{priority}} (hours)',
    'row.received': 'Received → planned',
    'row.planned': 'Planned → dispatched',
    'row.dispatched': 'Dispatched → started',
    'row.in_progress': 'In progress → result recorded',
    'row.resolved': 'Result → follow-up (回访)',
  },
  'zh-CN': {
    tab: '服务时限',
    title: '服务请求时限',
    description:
      '服务请求在各状态可停留的小时数，按优先级设定。每晚对超时的请求按状态升级一次：提醒发给被派工的技术人员，未派工时发给客户负责人。修改从每个请求的下一个状态起生效。',
    hoursFor: '{{status}}，{{priority}}（小时）',
    'row.received': '受理 → 计划',
    'row.planned': '计划 → 派工',
    'row.dispatched': '派工 → 开始执行',
    'row.in_progress': '执行 → 记录结果',
    'row.resolved': '记录结果 → 回访',
  },
});
