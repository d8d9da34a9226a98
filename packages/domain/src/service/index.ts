export type {
  ServicePlan,
  ServicePlanInput,
  ServicePlanPatch,
  ServiceRecurrence,
  ServiceValueClass,
} from './service-plan.schema.js';
export {
  ServicePlanInputSchema,
  ServicePlanPatchSchema,
  ServicePlanSchema,
  ServiceRecurrenceSchema,
  ServiceValueClassSchema,
} from './service-plan.schema.js';
export type { PlanRun } from './service-plan-schedule.js';
export { nextPlanDueOn, planOccurrence, planRun } from './service-plan-schedule.js';
export type {
  ServiceAction,
  ServiceAssignee,
  ServiceCategory,
  ServiceEscalation,
  ServiceFollowUp,
  ServiceNextStep,
  ServicePriority,
  ServiceRequest,
  ServiceRequestCreate,
  ServiceRequestStatus,
  ServiceRequestView,
  ServiceTrailEntry,
  ServiceTransitionRequest,
  ServiceVisit,
  ServiceVisitInput,
  ServiceVisitPatch,
  ServiceWindow,
} from './service-request.schema.js';
export {
  closedServiceRequestStatuses,
  isClosedServiceRequestStatus,
  ServiceActionSchema,
  ServiceAssigneeSchema,
  ServiceCategorySchema,
  ServiceEscalationSchema,
  ServiceFollowUpSchema,
  ServiceInstantSchema,
  ServiceNextStepSchema,
  ServicePrioritySchema,
  ServiceRequestCreateSchema,
  ServiceRequestSchema,
  ServiceRequestStatusSchema,
  ServiceRequestViewSchema,
  ServiceResultSchema,
  ServiceTrailEntrySchema,
  ServiceTransitionRequestSchema,
  ServiceVisitInputSchema,
  ServiceVisitPatchSchema,
  ServiceVisitSchema,
  ServiceWindowSchema,
  serviceActions,
  serviceCategories,
  servicePriorities,
  serviceRequestStatuses,
  visitableServiceRequestStatuses,
} from './service-request.schema.js';
export { addServiceVisit, receiveServiceRequest, updateServiceVisit } from './service-request-records.js';
export type { ServiceActor, ServiceTransitionRule } from './service-request-transitions.js';
export {
  canSeeServiceRequest,
  isAssignedTo,
  nextServiceStatuses,
  serviceDeskRoles,
  serviceDueAt,
  serviceHeadOfficeRoles,
  serviceNextStepsFor,
  serviceTransitionRules,
  serviceWorkerRoles,
  transitionServiceRequest,
} from './service-request-transitions.js';
export type { ServiceSlaPolicy, SlaServiceRequestStatus } from './service-sla.js';
export {
  defaultServiceSlaPolicy,
  enterServiceStatus,
  escalateServiceRequestIfOverdue,
  isServiceRequestOverdue,
  isSlaServiceRequestStatus,
  ServiceSlaPolicySchema,
  serviceStepDueAt,
  slaServiceRequestStatuses,
} from './service-sla.js';
