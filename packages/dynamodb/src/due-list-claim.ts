import { conditionHeld } from './condition-failure.js';
import type { TableKey } from './keys.js';
import type { PlatformTable } from './platform-table.js';

/**
 * Takes a due-list entry (a platform item listed on gsi2 by when it is due) for one pass: moves it
 * to `until` only if it is still due when it was read (`seenDueAt`), so an overlapping pass, or one
 * reading a stale index, leaves it alone; if the pass dies, the entry is due again at `until`.
 * False when another pass took it first.
 */
export async function claimDueEntry(
  platform: PlatformTable,
  entry: { key: TableKey; seenDueAt: string; until: string; untilSortKey: string },
): Promise<boolean> {
  return conditionHeld(
    platform.update({
      Key: entry.key,
      UpdateExpression: 'SET dueAt = :until, gsi2sk = :sk',
      ConditionExpression: 'dueAt = :seen',
      ExpressionAttributeValues: {
        ':until': entry.until,
        ':sk': entry.untilSortKey,
        ':seen': entry.seenDueAt,
      },
    }),
  );
}
