import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { TableClient } from '@crm/dynamodb';

export type DatabaseStatus = 'ok' | 'unreachable';

/** Liveness of what the product stands on: today, its one table. */
export class HealthService {
  private readonly table: TableClient;

  constructor(deps: { table: TableClient }) {
    this.table = deps.table;
  }

  /** Whether the table answers (DescribeTable); any failure reads as unreachable, never throws. */
  async database(): Promise<DatabaseStatus> {
    try {
      await this.table.doc.send(new DescribeTableCommand({ TableName: this.table.tableName }));
      return 'ok';
    } catch {
      return 'unreachable';
    }
  }
}
