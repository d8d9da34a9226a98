/** Who the trail names as having received a plan's request. */
export const SERVICE_PLAN_ACTOR = 'system:service-plans';
