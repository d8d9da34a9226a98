import { z } from 'zod';
import { type Locale, LocaleSchema } from '../tenant.schema.js';
import type { WorkflowCreate } from './workflow.schema.js';

/** The workflows the product ships, created as drafts from `POST /v1/workflows/from-template`. */
export const workflowTemplateIds = [
  'credit-hold-notify-finance',
  'a-class-churn-risk',
  'complaint-acknowledge',
  'low-survey-score-complaint',
] as const;
export type WorkflowTemplateId = (typeof workflowTemplateIds)[number];

type Localized = { en: string; 'zh-CN': string };

export type WorkflowTemplate = {
  id: WorkflowTemplateId;
  name: Localized;
  description: Localized;
  /** Whether creating it needs a webhook endpoint (`endpointId`). */
  needsEndpoint: boolean;
  /**
   * The draft, its texts (name, task titles…) in `say`'s language: they are the tenant's to read
   * and edit from then on, so they are written in the language of whoever creates it.
   */
  definition: (options: { endpointId?: string; say: (text: Localized) => string }) => WorkflowCreate;
};

/** Picks a template text in one language. */
export function sayIn(locale: Locale): (text: Localized) => string {
  return (text) => text[locale];
}

export const workflowTemplates: readonly WorkflowTemplate[] = [
  {
    id: 'credit-hold-notify-finance',
    name: {
      en: 'Credit hold → notify finance and send a webhook',
      'zh-CN': '信用冻结 → 通知财务并发送 Webhook',
    },
    description: {
      en: 'When a customer’s credit file goes on hold, each owner and admin (finance) gets a task due within a day, and the event goes to a webhook endpoint.',
      'zh-CN':
        '客户信用档案被冻结时，为每位所有者和管理员（财务）创建一天内到期的任务，并把事件发送到 Webhook 端点。',
    },
    needsEndpoint: true,
    definition: ({ endpointId, say }) => ({
      name: say({ en: 'Credit hold → notify finance', 'zh-CN': '信用冻结 → 通知财务' }),
      description: say({
        en: 'Finance reviews every credit hold within a day; the ERP hears of it at once.',
        'zh-CN': '财务在一天内复核每一次信用冻结；ERP 同时获知。',
      }),
      trigger: { type: 'event', event: 'credit.hold.placed' },
      actions: [
        {
          type: 'task',
          assignTo: 'admins',
          title: say({
            en: 'Credit hold: review the account and call the customer',
            'zh-CN': '信用冻结：复核账户并致电客户',
          }),
          dueInHours: 24,
        },
        ...(endpointId ? [{ type: 'webhook' as const, endpointId }] : []),
      ],
    }),
  },
  {
    id: 'a-class-churn-risk',
    name: {
      en: 'A-class customer at churn risk → task for the owner within 24 h',
      'zh-CN': 'A 类客户流失风险 → 24 小时内给负责人创建任务',
    },
    description: {
      en: 'When a valuable (ABC class A) customer starts drifting away, the owner gets a task to call within 24 hours.',
      'zh-CN': '当 A 类（高价值）客户出现流失风险时，负责人收到 24 小时内回访的任务。',
    },
    needsEndpoint: false,
    definition: ({ say }) => ({
      name: say({ en: 'A-class customer at churn risk', 'zh-CN': 'A 类客户流失风险' }),
      trigger: { type: 'event', event: 'churn.risk.raised' },
      conditions: { op: 'eq', path: 'data.abcClass', value: 'A' },
      actions: [
        {
          type: 'task',
          assignTo: 'owner',
          title: say({
            en: 'A-class customer at churn risk: call within 24 h',
            'zh-CN': 'A 类客户流失风险：24 小时内回访',
          }),
          dueInHours: 24,
        },
      ],
    }),
  },
  {
    id: 'complaint-acknowledge',
    name: { en: 'Complaint received → acknowledge the customer', 'zh-CN': '收到投诉 → 向客户确认受理' },
    description: {
      en: 'When a complaint is recorded, the customer gets an e-mail saying it was received and is being handled.',
      'zh-CN': '记录投诉后，向客户发送邮件，告知投诉已收到并正在处理。',
    },
    needsEndpoint: false,
    definition: ({ say }) => ({
      name: say({ en: 'Complaint received → acknowledge', 'zh-CN': '收到投诉 → 确认受理' }),
      trigger: { type: 'event', event: 'complaint.recorded' },
      actions: [{ type: 'email', template: 'complaint_acknowledgement' }],
    }),
  },
  {
    id: 'low-survey-score-complaint',
    name: {
      en: 'Unhappy survey answer → open a complaint',
      'zh-CN': '满意度调查低分 → 记录投诉',
    },
    description: {
      en: 'When a customer rates you 2 or less out of 5 in a survey, a complaint is recorded so the complaint process (and its deadlines) takes it up, and the owner gets a task to call within a day.',
      'zh-CN':
        '客户在满意度调查中给出 2 分及以下（满分 5 分）时，自动记录一条投诉，进入投诉处理流程（含时限），并给负责人创建一天内回访的任务。',
    },
    needsEndpoint: false,
    definition: ({ say }) => ({
      name: say({ en: 'Unhappy survey answer → complaint', 'zh-CN': '满意度调查低分 → 记录投诉' }),
      description: say({
        en: 'Service recovery (服务补救) starts from the survey, not from the customer calling in.',
        'zh-CN': '服务补救从调查开始，而不是等客户来电。',
      }),
      trigger: { type: 'event', event: 'survey.answered' },
      conditions: { op: 'lte', path: 'data.rating', value: 2 },
      actions: [
        {
          type: 'complaint',
          summary: say({ en: 'Low satisfaction score in a survey', 'zh-CN': '满意度调查中的低分' }),
          severity: 'high',
        },
        {
          type: 'task',
          assignTo: 'owner',
          title: say({ en: 'Unhappy survey answer: call the customer', 'zh-CN': '满意度调查低分：致电客户' }),
          dueInHours: 24,
        },
      ],
    }),
  },
];

export const WorkflowTemplateSchema = z
  .object({
    id: z.enum(workflowTemplateIds),
    name: z.object({ en: z.string(), 'zh-CN': z.string() }),
    description: z.object({ en: z.string(), 'zh-CN': z.string() }),
    needsEndpoint: z.boolean(),
  })
  .meta({ id: 'WorkflowTemplate' });

export const WorkflowFromTemplateSchema = z
  .strictObject({
    templateId: z.enum(workflowTemplateIds),
    endpointId: z
      .string()
      .max(26)
      .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a webhook endpoint id')
      .optional()
      .describe('The webhook endpoint, for templates that send one'),
    locale: LocaleSchema.default('en').describe('The language of the draft’s name and texts'),
  })
  .meta({ id: 'WorkflowFromTemplate' });
