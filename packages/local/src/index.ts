export type { DynamoDbLocal, DynamoDbLocalOptions } from './dynamodb-local.js';
export {
  DynamoDbLocalStartError,
  dynamoDbLocalJarDir,
  JavaNotFoundError,
  startDynamoDbLocal,
} from './dynamodb-local.js';
export { assertPortFree, findFreePort, PortInUseError } from './free-port.js';
