export type { CustomerFigures } from './customer-figures-snapshots.js';
export {
  CustomerFiguresSnapshots,
  KPI_CUSTOMER_CAP,
  KPI_SNAPSHOT_MAX_AGE_MS,
} from './customer-figures-snapshots.js';
export { KpiService } from './kpi.service.js';
