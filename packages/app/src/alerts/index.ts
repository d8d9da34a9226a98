export type { AlertRaise, WebhookAlertRaise } from './alerts.service.js';
export { AlertService } from './alerts.service.js';
export { syncCreditAlert } from './credit-alerts.js';
