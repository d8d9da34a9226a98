import type { EntityChange } from '../entity-change.js';
import type { EventType } from './event-catalog.js';
import {
  entityChange,
  storedAtRiskChurnFile,
  storedCampaign,
  storedChurnFile,
  storedComplaint,
  storedContact,
  storedCreditFile,
  storedCustomer,
  storedDoneTenantExport,
  storedFinishedWorkflowRun,
  storedImportJob,
  storedInteraction,
  storedLead,
  storedMemberTierChange,
  storedOpportunity,
  storedQuote,
  storedReceivable,
  storedRunningFit,
  storedServiceRequest,
  storedShare,
  storedSucceededFit,
  storedSurveyInvitation,
  storedTask,
  storedTenantExport,
  storedWebhookEndpoint,
  storedWorkflowRun,
} from './stored-records.fixture.js';

const finished = { finishedAt: '2026-02-01T10:05:00.000Z' };
const edit = { version: 5, updatedAt: '2026-02-07T02:03:03.000Z' };

/**
 * One stream change that produces each catalog event. Typed by every event name, so a new
 * catalog event does not compile until it has a change here, and with it a test.
 */
export const changeProducing: Record<EventType, () => EntityChange> = {
  'customer.created': () => entityChange({ entityType: 'customer', after: storedCustomer() }),
  'customer.updated': () =>
    entityChange({
      entityType: 'customer',
      before: storedCustomer(),
      after: storedCustomer({ ...edit, name: '王记粮油（总店）', lifecycleStage: 'stability' }),
    }),
  'customer.archived': () =>
    entityChange({
      entityType: 'customer',
      before: storedCustomer(),
      after: storedCustomer({ ...edit, archivedAt: '2026-02-07T02:03:03.000Z' }),
    }),
  'customer.restored': () =>
    entityChange({
      entityType: 'customer',
      before: storedCustomer({ archivedAt: '2026-02-01T00:00:00.000Z' }),
      after: storedCustomer(edit),
    }),
  'customer.removed': () => entityChange({ entityType: 'customer', before: storedCustomer() }),
  'contact.created': () => entityChange({ entityType: 'contact', after: storedContact() }),
  'contact.updated': () =>
    entityChange({
      entityType: 'contact',
      before: storedContact(),
      after: storedContact({ ...edit, roles: ['finance'], email: 'li.na@wangji.example' }),
    }),
  'contact.removed': () => entityChange({ entityType: 'contact', before: storedContact() }),
  'interaction.created': () => entityChange({ entityType: 'interaction', after: storedInteraction() }),
  'interaction.removed': () => entityChange({ entityType: 'interaction', before: storedInteraction() }),
  'order.held': () =>
    entityChange({
      entityType: 'interaction',
      before: storedInteraction(),
      after: storedInteraction({
        creditHold: {
          reasons: [{ code: 'over_limit', exposure: 1_150_000, limit: 1_000_000 }],
          at: '2026-02-05T08:01:02.000Z',
        },
      }),
    }),
  'credit.hold.placed': () =>
    entityChange({
      entityType: 'creditFile',
      before: storedCreditFile(),
      after: storedCreditFile({
        status: 'hold',
        exposure: 1_150_000,
        reasons: [{ code: 'over_limit', exposure: 1_150_000, limit: 1_000_000 }],
        heldSince: '2026-02-05T08:01:02.000Z',
        version: 4,
      }),
    }),
  'credit.hold.released': () =>
    entityChange({
      entityType: 'creditFile',
      before: storedCreditFile({ status: 'hold', heldSince: '2026-02-05T08:01:02.000Z' }),
      after: storedCreditFile({ version: 4 }),
    }),
  'credit.grade.changed': () =>
    entityChange({
      entityType: 'creditFile',
      before: storedCreditFile(),
      after: storedCreditFile({ grade: 'AA', score: 84, limit: 2_000_000, version: 4 }),
    }),
  'import.completed': () =>
    entityChange({
      entityType: 'importJob',
      before: storedImportJob(),
      after: storedImportJob({ status: 'completed', ...finished }),
    }),
  'import.failed': () =>
    entityChange({
      entityType: 'importJob',
      before: storedImportJob(),
      after: storedImportJob({ status: 'failed', error: 'row 12: bad date', ...finished }),
    }),
  'tenant.export.completed': () =>
    entityChange({
      entityType: 'tenantExport',
      before: storedTenantExport(),
      after: storedDoneTenantExport(),
    }),
  'analytics.refit.completed': () =>
    entityChange({ entityType: 'modelFit', before: storedRunningFit(), after: storedSucceededFit() }),
  'analytics.refit.failed': () =>
    entityChange({
      entityType: 'modelFit',
      before: storedRunningFit(),
      after: storedRunningFit({
        status: 'failed',
        fittedAt: '2026-02-07T01:00:02.000Z',
        error: { code: 'interrupted', message: 'The refit stopped before finishing; refit again' },
      }),
    }),
  'churn.risk.raised': () =>
    entityChange({ entityType: 'churnFile', before: storedChurnFile(), after: storedAtRiskChurnFile() }),
  'churn.risk.cleared': () =>
    entityChange({
      entityType: 'churnFile',
      before: storedAtRiskChurnFile(),
      after: storedChurnFile({ since: '2026-02-09T08:00:00.000Z', evaluatedAt: '2026-02-09T08:00:00.000Z' }),
    }),
  'invoice.overdue': () =>
    entityChange({
      entityType: 'receivable',
      before: storedReceivable(),
      after: storedReceivable({ overdueAt: '2026-02-07T01:00:00.000Z' }),
    }),
  'complaint.recorded': () => entityChange({ entityType: 'complaint', after: storedComplaint() }),
  'complaint.transitioned': () =>
    entityChange({
      entityType: 'complaint',
      before: storedComplaint(),
      after: storedComplaint({ ...edit, step: 'validated', stepEnteredAt: edit.updatedAt }),
    }),
  'complaint.overdue': () =>
    entityChange({
      entityType: 'complaint',
      before: storedComplaint(),
      after: storedComplaint({
        ...edit,
        overdue: true,
        escalations: [{ step: 'recorded', dueAt: '2026-02-05T16:00:00.000Z', at: edit.updatedAt }],
      }),
    }),
  'complaint.closed': () =>
    entityChange({
      entityType: 'complaint',
      before: storedComplaint({ step: 'carried_out' }),
      after: storedComplaint({ ...edit, step: 'closed', outcome: 'resolved', rating: 4, stepDueAt: null }),
    }),
  'complaint.followed_up': () =>
    entityChange({
      entityType: 'complaint',
      before: storedComplaint({
        step: 'closed',
        outcome: 'resolved',
        stepDueAt: null,
        followUp: { dueAt: '2026-02-19T09:00:00.000Z', status: 'scheduled' },
      }),
      after: storedComplaint({
        ...edit,
        step: 'closed',
        outcome: 'resolved',
        stepDueAt: null,
        followUp: {
          dueAt: '2026-02-19T09:00:00.000Z',
          status: 'done',
          doneAt: edit.updatedAt,
          doneBy: '01HUSER0000000000000000001',
          outcome: 'won_back',
        },
      }),
    }),
  'service.requested': () => entityChange({ entityType: 'serviceRequest', after: storedServiceRequest() }),
  'service.dispatched': () =>
    entityChange({
      entityType: 'serviceRequest',
      before: storedServiceRequest({ status: 'planned' }),
      after: storedServiceRequest({
        ...edit,
        status: 'dispatched',
        assignee: { kind: 'user', userId: '01JTECH0000000000000000001' },
      }),
    }),
  'service.overdue': () =>
    entityChange({
      entityType: 'serviceRequest',
      before: storedServiceRequest(),
      after: storedServiceRequest({
        ...edit,
        overdue: true,
        escalations: [{ step: 'received', dueAt: '2026-02-05T16:00:00.000Z', at: edit.updatedAt }],
      }),
    }),
  'service.completed': () =>
    entityChange({
      entityType: 'serviceRequest',
      before: storedServiceRequest({ status: 'in_progress' }),
      after: storedServiceRequest({
        ...edit,
        status: 'resolved',
        result: { summary: 'Compressor replaced', at: edit.updatedAt, by: '01JUSER00000000000000000001' },
      }),
    }),
  'service.followed_up': () =>
    entityChange({
      entityType: 'serviceRequest',
      before: storedServiceRequest({ status: 'resolved' }),
      after: storedServiceRequest({
        ...edit,
        status: 'followed_up',
        followUp: {
          method: 'call',
          score: 5,
          note: 'Very happy',
          at: edit.updatedAt,
          by: '01JUSER00000000000000000001',
        },
      }),
    }),
  'campaign.sent': () =>
    entityChange({
      entityType: 'campaign',
      before: storedCampaign(),
      after: storedCampaign({ ...edit, status: 'sent', sentAt: edit.updatedAt, version: 3 }),
    }),
  'survey.sent': () => entityChange({ entityType: 'surveyInvitation', after: storedSurveyInvitation() }),
  'survey.answered': () =>
    entityChange({
      entityType: 'surveyInvitation',
      before: storedSurveyInvitation(),
      after: storedSurveyInvitation({
        ...edit,
        answeredAt: edit.updatedAt,
        answers: { nps: 9, csat: 4, note: '很好' },
        rating: 4,
        locale: 'zh',
      }),
    }),
  'task.created': () => entityChange({ entityType: 'task', after: storedTask() }),
  'task.completed': () =>
    entityChange({
      entityType: 'task',
      before: storedTask(),
      after: storedTask({
        ...edit,
        status: 'done',
        completedAt: edit.updatedAt,
        completedBy: '01JUSER00000000000000000001',
        note: '已电话联系 / called, will order Friday',
      }),
    }),
  'lead.created': () => entityChange({ entityType: 'lead', after: storedLead() }),
  'lead.converted': () =>
    entityChange({
      entityType: 'lead',
      before: storedLead(),
      after: storedLead({
        ...edit,
        status: 'converted',
        customerId: '01JCUST00000000000000000001',
        opportunityId: '01JOPP00000000000000000001',
        convertedAt: edit.updatedAt,
        convertedBy: '01JUSER00000000000000000001',
      }),
    }),
  'opportunity.stage_changed': () =>
    entityChange({
      entityType: 'opportunity',
      before: storedOpportunity(),
      after: storedOpportunity({
        ...edit,
        stage: 'proposal',
        stageEnteredAt: edit.updatedAt,
        lastActivityAt: edit.updatedAt,
        stageHistory: [
          { stage: 'qualify', enteredAt: '2026-02-05T09:30:00.000Z', leftAt: edit.updatedAt, by: 'u' },
          { stage: 'proposal', enteredAt: edit.updatedAt, leftAt: null, by: 'u' },
        ],
      }),
    }),
  'opportunity.won': () =>
    entityChange({
      entityType: 'opportunity',
      before: storedOpportunity(),
      after: storedOpportunity({ ...edit, status: 'won', closedAt: edit.updatedAt, closedBy: 'u' }),
    }),
  'opportunity.lost': () =>
    entityChange({
      entityType: 'opportunity',
      before: storedOpportunity(),
      after: storedOpportunity({
        ...edit,
        status: 'lost',
        lostReason: 'price',
        lostCompetitor: 'Rival Motors',
        closedAt: edit.updatedAt,
        closedBy: 'u',
      }),
    }),
  'quote.accepted': () =>
    entityChange({
      entityType: 'quote',
      before: storedQuote(),
      after: storedQuote({
        ...edit,
        status: 'accepted',
        decidedAt: edit.updatedAt,
        decidedBy: 'u',
        order: { id: '01JORDER000000000000000001', occurredAt: edit.updatedAt },
      }),
    }),
  'member.tier_changed': () =>
    entityChange({ entityType: 'memberTierChange', after: storedMemberTierChange() }),
  'webhook.endpoint.disabled': () =>
    entityChange({
      entityType: 'webhookEndpoint',
      before: storedWebhookEndpoint(),
      after: storedWebhookEndpoint({
        enabled: false,
        disabledReason: 'gone',
        disabledAt: '2026-02-07T02:03:04.000Z',
        updatedAt: '2026-02-07T02:03:04.000Z',
        updatedBy: 'system',
        version: 2,
      }),
    }),
  'workflow.run.completed': () =>
    entityChange({
      entityType: 'workflowRun',
      before: storedWorkflowRun(),
      after: storedFinishedWorkflowRun('completed'),
    }),
  'workflow.run.failed': () =>
    entityChange({
      entityType: 'workflowRun',
      before: storedWorkflowRun(),
      after: storedFinishedWorkflowRun('failed'),
    }),
  'share.granted': () => entityChange({ entityType: 'share', after: storedShare() }),
  'share.revoked': () => entityChange({ entityType: 'share', before: storedShare() }),
};
