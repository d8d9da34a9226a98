import { tenantOfKey } from '@crm/dynamodb';

/** Where a write lands: the table itself or one of its indexes (each index is a key space of its own). */
export type Target = 'table' | 'gsi1' | 'gsi2' | 'gsi3' | 'gsi4' | 'gsi5' | 'gsi6' | 'gsi7' | 'gsi8';

/** DynamoDB's per-partition limits (per second): what no partition key may need. */
export const PARTITION_WRITE_LIMIT = 1000;
export const PARTITION_READ_LIMIT = 3000;

/** The busiest second of one kind of partition key (all keys of the same shape share a kind). */
export type KindPeak = {
  /** What was running in the key's busiest second (`import`, `night`, `orders`, `campaign`). */
  during: string;
  kind: string;
  peakWcu: number;
  peakWcuKey: string;
  peakWcuAt: number;
  peakRcu: number;
  peakRcuKey: string;
  peakRcuAt: number;
  totalWcu: number;
  totalRcu: number;
  /** Key-seconds above the write or read limit. */
  secondsOverLimit: number;
};

type Cell = { wcu: number; rcu: number; kind: string | undefined };

// ULIDs, and the simulation's ULID-shaped ids (bench/scale/sample-items.ts `fixedId`).
const ULID = /[0-9A-Z]{26}/g;
const HASH = /[0-9a-f]{64}/g;
const NUMBER = /\d+/g;

/**
 * The kind of a key: its target and the key with the tenant, ids, hashes and numbers taken out
 * (`gsi1 T#<t>#CUSTOMERS#LIVE#<n>`), so every shard, customer or tenant of one shape counts as one
 * kind whose busiest key and second are reported.
 */
export function kindOf(
  target: Target,
  pk: string,
  tenantLabel: (tenantId: string) => string = () => 't',
): string {
  const tenant = tenantOfKey(pk);
  const generic = (tenant ? pk.replace(tenant, `<${tenantLabel(tenant)}>`) : pk)
    .replace(ULID, '<id>')
    .replace(HASH, '<hash>')
    .replace(NUMBER, '<n>');
  return `${target} ${generic}`;
}

/**
 * Per-second write and read units per partition key. The simulation advances it second by second
 * (`at`); every charge of the current second adds up per key, and when the second is over each
 * key's sum is compared with its kind's busiest second so far. Keys that only one write can touch
 * in a second (a customer's item during a refit) are charged with `chargeAlone`, which skips the
 * per-second sum: a billion map entries would not fit in the minute the simulation has.
 */
export class PartitionMeter {
  private second = 0;
  /** The episodes of the current second, so each kind's peaks are kept per activity. */
  private during = '';
  private readonly current = new Map<Target, Map<string, Cell>>();
  private readonly kinds = new Map<string, KindPeak>();

  /** `tenantLabel` names a tenant's class in the kinds (`large`, `small`), so they are told apart. */
  constructor(private readonly tenantLabel: (tenantId: string) => string = () => 't') {}

  kindOf(target: Target, pk: string): string {
    return kindOf(target, pk, this.tenantLabel);
  }

  private readonly kindCache = new Map<string, KindPeak>();
  private readonly phaseKinds = new Map<string, KindPeak>();

  private kindOfKey(target: Target, pk: string): KindPeak {
    const cacheKey = `${target} ${pk}`;
    let kind = this.kindCache.get(cacheKey);
    if (!kind) {
      if (this.kindCache.size > 100_000) this.kindCache.clear();
      kind = this.kind(this.kindOf(target, pk));
      this.kindCache.set(cacheKey, kind);
    }
    return kind;
  }

  at(second: number, during: string): void {
    if (second === this.second && during === this.during) return;
    if (second < this.second) throw new Error(`the meter cannot go back from ${this.second} to ${second}`);
    this.flush();
    this.second = second;
    if (during !== this.during) {
      this.kindCache.clear();
      this.phaseKinds.clear();
    }
    this.during = during;
  }

  /** `kind`: the key's kind when the caller knows it (saves working it out from the key each second). */
  charge(target: Target, pk: string, wcu: number, rcu = 0, kind?: string): void {
    let keys = this.current.get(target);
    if (!keys) {
      keys = new Map();
      this.current.set(target, keys);
    }
    const cell = keys.get(pk);
    if (cell) {
      cell.wcu += wcu;
      cell.rcu += rcu;
    } else keys.set(pk, { wcu, rcu, kind });
  }

  /**
   * A key written (or read) once this second by this charge alone; `kind` from `kindOf` of a real
   * key. The key itself is only built when it becomes its kind's busiest. `times`: as many keys
   * of the kind, each charged the same this second.
   */
  chargeAlone(kindName: string, pk: () => string, wcu: number, rcu = 0, times = 1): void {
    const kind = this.kind(kindName);
    kind.totalWcu += wcu * times;
    kind.totalRcu += rcu * times;
    if (wcu > kind.peakWcu) {
      kind.peakWcu = wcu;
      kind.peakWcuKey = pk();
      kind.peakWcuAt = this.second;
    }
    if (rcu > kind.peakRcu) {
      kind.peakRcu = rcu;
      kind.peakRcuKey = pk();
      kind.peakRcuAt = this.second;
    }
    if (wcu > PARTITION_WRITE_LIMIT || rcu > PARTITION_READ_LIMIT) kind.secondsOverLimit += times;
  }

  /** The record of a kind in what is running now, for `chargeAlone`. */
  kind(kind: string): KindPeak {
    const known = this.phaseKinds.get(kind);
    if (known) return known;
    const name = `${this.during}|${kind}`;
    let peak = this.kinds.get(name);
    if (!peak) {
      peak = {
        during: this.during,
        kind,
        peakWcu: 0,
        peakWcuKey: '',
        peakWcuAt: this.second,
        peakRcu: 0,
        peakRcuKey: '',
        peakRcuAt: this.second,
        totalWcu: 0,
        totalRcu: 0,
        secondsOverLimit: 0,
      };
      this.kinds.set(name, peak);
    }
    this.phaseKinds.set(kind, peak);
    return peak;
  }

  flush(): void {
    for (const [target, keys] of this.current) {
      for (const [pk, cell] of keys)
        this.chargeAlone(cell.kind ?? this.kindOfKey(target, pk).kind, () => pk, cell.wcu, cell.rcu);
      keys.clear();
    }
  }

  peaks(): KindPeak[] {
    this.flush();
    return [...this.kinds.values()].sort((a, b) => b.peakWcu - a.peakWcu || b.peakRcu - a.peakRcu);
  }
}

/** An activity of the month, one second at a time: each step charges one second's work. */
export type Episode = { name: string; group: string; start: number; steps: Iterator<void> };

/**
 * Runs the episodes in time order: at every second where any is active, each active one charges
 * that second. Seconds where nothing happens are skipped. A second is put down to the first of its
 * episodes' groups in `priority` (orders in business hours are background to an import).
 */
export function replay(
  meter: PartitionMeter,
  episodes: readonly Episode[],
  priority: readonly string[],
): void {
  let running = episodes.map((episode) => ({ episode, next: episode.start, done: false }));
  for (;;) {
    let second = Number.POSITIVE_INFINITY;
    for (const entry of running) if (entry.next < second) second = entry.next;
    if (second === Number.POSITIVE_INFINITY) break;
    let rank = priority.length;
    for (const entry of running) {
      if (entry.next !== second) continue;
      const at = priority.indexOf(entry.episode.group);
      if (at >= 0 && at < rank) rank = at;
    }
    meter.at(second, priority[rank] ?? 'other');
    let finished = false;
    for (const entry of running) {
      if (entry.next !== second) continue;
      if (entry.episode.steps.next().done) {
        entry.done = true;
        finished = true;
      } else entry.next = second + 1;
    }
    if (finished) running = running.filter((entry) => !entry.done);
  }
  meter.flush();
}
