import { PlatformTable, platformKeys, type TableClient } from '@crm/dynamodb';

export type DatabaseStatus = 'ok' | 'unreachable';

/** How long one database check answers for: monitors may poll /health as often as they like. */
export const HEALTH_CHECK_TTL_MS = 2_000;

/** Liveness of what the product stands on: today, its one table. */
export class HealthService {
  private readonly table: TableClient;
  private readonly now: () => number;
  private last: { status: DatabaseStatus; at: number } | undefined;
  private pending: Promise<DatabaseStatus> | undefined;

  constructor(deps: { table: TableClient; now?: () => number }) {
    this.table = deps.table;
    this.now = deps.now ?? Date.now;
  }

  /**
   * Whether the table answers; any failure reads as unreachable, never throws. One GetItem of a
   * probe key (constant time, unlike DescribeTable, whose cost grows with the table on DynamoDB
   * Local), shared by concurrent callers and reused for HEALTH_CHECK_TTL_MS.
   */
  async database(): Promise<DatabaseStatus> {
    if (this.last && this.now() - this.last.at < HEALTH_CHECK_TTL_MS) return this.last.status;
    this.pending ??= this.probe().then((status) => {
      this.last = { status, at: this.now() };
      this.pending = undefined;
      return status;
    });
    return this.pending;
  }

  private async probe(): Promise<DatabaseStatus> {
    try {
      await new PlatformTable(this.table).get(platformKeys.healthProbe);
      return 'ok';
    } catch {
      return 'unreachable';
    }
  }
}
