import type { TableClient } from '@crm/dynamodb';

/** What the API needs from its host (the Lambda adapter or the local runtime). */
export type AppDeps = {
  table: TableClient;
  /** Reported by /health; the deployed commit or package version. */
  version?: string;
};
