import { describe, expect, it } from 'vitest';
import { keys, tenantKeyPrefix } from './keys.js';
import { reachedPartitionFamilies } from './tenant-items.js';

const TENANT = '01TENANT';

/** The family of a table partition key: what follows the tenant prefix, up to the next `#`. */
function familyOf(pk: string): string {
  return pk.slice(tenantKeyPrefix(TENANT).length).split('#')[0] as string;
}

/** Every table key the key catalog builds, with plain arguments and with a value too long for a key. */
function everyTablePartition(): string[] {
  const found: string[] = [];
  for (const build of Object.values(keys) as ((...args: unknown[]) => unknown)[]) {
    for (const filler of ['x', 'v'.repeat(3000)]) {
      const built = build(TENANT, filler, filler, filler, filler);
      if (built && typeof built === 'object' && 'pk' in built) found.push(String(built.pk));
    }
  }
  return found;
}

describe('tenant items', () => {
  it('reaches every family of table partition the key catalog can build', () => {
    const reached = new Set(reachedPartitionFamilies());
    const families = new Set(everyTablePartition().map(familyOf));
    expect(families.size).toBeGreaterThan(20);
    expect([...families].filter((family) => !reached.has(family))).toEqual([]);
  });
});
