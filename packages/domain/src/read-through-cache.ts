/**
 * Values a process reads from the table and keeps for `ttlMs`, by key. The read itself is kept,
 * so a burst of callers arriving as an entry expires shares one read, and a failed read is not
 * remembered. An entry used in the last part of its life (from `refreshAfterMs` on) is read again
 * in the background while the kept value is still served: a key in steady use never makes a
 * caller wait for its read, and still no value is served more than `ttlMs` after its read began.
 *
 * Built for the caches every request passes through (the caller's live role, whether its tenant
 * was deleted, the tenant's list layout and settings): waiting for their reads was what set a
 * busy tenant's slowest list pages apart from the rest.
 *
 * @example
 * const roles = new ReadThroughCache<Role>({ ttlMs: 5_000 });
 * const role = await roles.get(`${tenantId}/${userId}`, Date.now(), () => readRole(tenantId, userId));
 */
export class ReadThroughCache<Value> {
  private readonly ttlMs: number;
  private readonly refreshAfterMs: number;
  private readonly maxEntries: number;
  private readonly entries = new Map<string, Entry<Value>>();

  constructor(options: {
    ttlMs: number;
    /** @default 80 % of `ttlMs` */
    refreshAfterMs?: number;
    /** Past this many keys the cache starts over. @default 10,000 */
    maxEntries?: number;
  }) {
    this.ttlMs = options.ttlMs;
    this.refreshAfterMs = options.refreshAfterMs ?? Math.floor(options.ttlMs * 0.8);
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  /** The value kept for `key` if read less than `ttlMs` before `now`, else `read()`'s. */
  get(key: string, now: number, read: () => Promise<Value>): Promise<Value> {
    const entry = this.entries.get(key);
    if (entry && now - entry.at < this.ttlMs) {
      if (now - entry.at >= this.refreshAfterMs && !entry.refreshing) this.refresh(key, entry, now, read);
      return entry.value;
    }
    return this.store(key, now, read()).value;
  }

  /** Forgets `key`: its next `get` reads (what changed it in this process calls this). */
  delete(key: string): void {
    this.entries.delete(key);
  }

  private store(key: string, at: number, value: Promise<Value>): Entry<Value> {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const entry: Entry<Value> = { value, at, refreshing: false };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry;
  }

  /** Reads `key` again behind the kept entry, which it replaces once the read has succeeded. */
  private refresh(key: string, entry: Entry<Value>, now: number, read: () => Promise<Value>): void {
    entry.refreshing = true;
    const value = read();
    value.then(
      () => {
        // Unless the key was forgotten or read anew meanwhile: that answer is newer.
        if (this.entries.get(key) === entry) this.store(key, now, value);
      },
      () => {
        entry.refreshing = false;
      },
    );
  }
}

type Entry<Value> = {
  value: Promise<Value>;
  /** When the read behind `value` began. */
  at: number;
  refreshing: boolean;
};
