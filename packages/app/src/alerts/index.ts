export { wakeSnoozedAlerts } from './alerts.jobs.js';
export type { AlertRaise, WebhookAlertRaise } from './alerts.service.js';
export { ALERTS_ACTOR, AlertService } from './alerts.service.js';
export { syncCreditAlert } from './credit-alerts.js';
