/**
 * What the reactions of one stream batch share: reads memoised for the length of the batch.
 *
 * The stream handler (packages/app/src/streams) makes one per invocation, that is per batch the
 * Lambda or the local poller received, and hands it to every reaction with each change. A batch's
 * records were all written before the batch was fetched, so a read made while the batch is handled
 * already sees every write that preceded any of its records: a reaction that only needs "what
 * existed when the event happened" (a tenant's webhook endpoints, its active workflows) may read
 * it once for the whole batch instead of once per record. A reaction whose read could be changed
 * by an earlier record of the same batch `forget`s it when it handles that record.
 *
 * @example
 * const endpoints = await batch.once(`webhooks:endpoints:${tenantId}`, () => repository.listEndpoints());
 */
export class ReactionBatch {
  private readonly loads = new Map<string, Promise<unknown>>();

  /**
   * `load()`'s result for `key`, loaded at most once per batch: later (and concurrent) calls with
   * the same key share the first call's promise. A failed load is not kept, so the record's retry
   * (or the next record) reads again. Keys are global to the batch: prefix them with the reaction.
   */
  once<T>(key: string, load: () => Promise<T>): Promise<T> {
    const known = this.loads.get(key);
    if (known) return known as Promise<T>;
    // Through an async function, so a load that throws at once is a rejection like any other.
    const loading = (async () => load())();
    this.loads.set(key, loading);
    loading.catch(() => {
      if (this.loads.get(key) === loading) this.loads.delete(key);
    });
    return loading;
  }

  /** Drops what `once` keeps for `key`: the next call loads again. */
  forget(key: string): void {
    this.loads.delete(key);
  }
}
