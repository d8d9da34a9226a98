export type { ApiGatewayEventOptions } from './api-gateway-event.js';
export { apiGatewayEvent } from './api-gateway-event.js';
export { testCustomer } from './customer-factory.js';
export { testInteraction } from './interaction-factory.js';
export type { StreamRecordOptions } from './stream-record-factory.js';
export { dynamoDbStreamEvent, dynamoDbStreamRecord, entityChange } from './stream-record-factory.js';
