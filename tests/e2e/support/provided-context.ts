// What the e2e global setup (setup/local-runtime.global-setup.ts) hands to every spec via `inject`.
declare module 'vitest' {
  export interface ProvidedContext {
    /** The local runtime serving the built SPA and the API, e.g. `http://localhost:41234`. */
    e2eBaseUrl: string;
    /** The runtime's DynamoDB Local and table: a spec may run a nightly pass with a fake clock on it. */
    e2eDynamoDb: { endpoint: string; tableName: string };
  }
}

export {};
