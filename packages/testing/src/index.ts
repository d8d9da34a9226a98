export type { ApiGatewayEventOptions } from './api-gateway-event.js';
export { apiGatewayEvent } from './api-gateway-event.js';
