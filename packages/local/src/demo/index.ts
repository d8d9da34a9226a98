export { demoProfiles } from './demo-profiles.js';
export type { DemoSeedInput } from './seed-demo-tenant.js';
export { cdnowShiftDays, DEMO_EMAIL, DEMO_PASSWORD, seedDemoTenant } from './seed-demo-tenant.js';
