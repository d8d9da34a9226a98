import type { Feature } from '../lib/features/feature.js';
import { alertsFeature } from './alerts/feature.js';
import { analyticsFeature } from './analytics/feature.js';
import { campaignsFeature } from './campaigns/feature.js';
import { complaintsFeature } from './complaints/feature.js';
import { creditFeature } from './credit/feature.js';
import { customersFeature } from './customers/feature.js';
import { dashboardFeature } from './dashboard/feature.js';
import { importsFeature } from './imports/feature.js';
import { kpisFeature } from './kpis/feature.js';
import { partnerPortalFeature } from './partner-portal/feature.js';
import { partnersFeature } from './partners/feature.js';
import { policiesFeature } from './policies/feature.js';
import { salesFeature } from './sales/feature.js';
import { segmentsFeature } from './segments/feature.js';
import { serviceFeature } from './service/feature.js';
import { settingsFeature } from './settings/feature.js';
import { surveysFeature } from './surveys/feature.js';
import { tasksFeature } from './tasks/feature.js';
import { webhooksFeature } from './webhooks/feature.js';
import { workflowsFeature } from './workflows/feature.js';

/** Every feature folder, registered once: its routes join the shell and its entry the sidebar. */
export const features: readonly Feature[] = [
  dashboardFeature,
  kpisFeature,
  customersFeature,
  importsFeature,
  alertsFeature,
  creditFeature,
  complaintsFeature,
  serviceFeature,
  analyticsFeature,
  settingsFeature,
  tasksFeature,
  webhooksFeature,
  workflowsFeature,
  salesFeature,
  surveysFeature,
  policiesFeature,
  segmentsFeature,
  campaignsFeature,
  partnersFeature,
  partnerPortalFeature,
];
