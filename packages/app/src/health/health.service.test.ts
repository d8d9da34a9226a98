import type { TableClient } from '@crm/dynamodb';
import { describe, expect, it } from 'vitest';
import { HEALTH_CHECK_TTL_MS, HealthService } from './health.service.js';

/** A table client whose every request is counted and answered by `answer`. */
function countingTable(answer: () => Promise<unknown>) {
  const sent: { input: unknown }[] = [];
  const table = {
    tableName: 'crm',
    doc: {
      send: (command: { input: unknown }) => {
        sent.push(command);
        return answer();
      },
    },
  } as unknown as TableClient;
  return { table, sent };
}

describe('HealthService.database', () => {
  it('reads the one probe key, not the table description', async () => {
    const { table, sent } = countingTable(async () => ({}));
    expect(await new HealthService({ table }).database()).toBe('ok');
    expect(sent.map((command) => command.input)).toEqual([
      { TableName: 'crm', Key: { pk: 'P#HEALTH', sk: 'PROBE' }, ConsistentRead: true },
    ]);
  });

  it('answers concurrent and repeated checks within the TTL from one request', async () => {
    let now = 1_000;
    const { table, sent } = countingTable(async () => ({}));
    const health = new HealthService({ table, now: () => now });
    await Promise.all(Array.from({ length: 16 }, () => health.database()));
    now += HEALTH_CHECK_TTL_MS - 1;
    await health.database();
    expect(sent).toHaveLength(1);
    now += 1;
    await health.database();
    expect(sent).toHaveLength(2);
  });

  it('reads a failing table as unreachable without throwing', async () => {
    const { table } = countingTable(async () => {
      throw new Error('connect ECONNREFUSED');
    });
    expect(await new HealthService({ table }).database()).toBe('unreachable');
  });
});
