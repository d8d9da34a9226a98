export type { LeadConversion, LeadConverted, SalesActor } from './lead.service.js';
export { LeadService } from './lead.service.js';
export { DEFAULT_SALES_WINDOW_DAYS, OpportunityService } from './opportunity.service.js';
export { QuoteService } from './quote.service.js';
export type { SalesSetupView } from './sales-setup.service.js';
export { SalesSetupService } from './sales-setup.service.js';
