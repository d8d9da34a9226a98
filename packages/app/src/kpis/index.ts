export { KPI_CUSTOMER_CAP, KpiService } from './kpi.service.js';
