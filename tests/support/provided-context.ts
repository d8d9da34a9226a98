// What the integration global setup (tests/setup/dynamodb-local.global-setup.ts) hands to every
// test file through vitest's `inject`. Module augmentation needs an interface.
declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared DynamoDB Local server, e.g. `http://127.0.0.1:41234`. */
    dynamodbEndpoint: string;
    /** The one table all integration suites share; isolate by tenant (`newTestTenantId()`). */
    tableName: string;
  }
}

export {};
