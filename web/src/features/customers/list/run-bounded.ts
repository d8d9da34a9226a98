export type BulkOutcome<T, R> =
  | { item: T; status: 'done'; result: R }
  | { item: T; status: 'failed'; error: unknown };

/**
 * Runs `task` over `items` with at most `concurrency` in flight, and reports every outcome in the
 * items' order: the API has per-customer endpoints only, and a bulk action must neither flood it
 * nor stop at the first failure.
 *
 * @example
 * const outcomes = await runBounded(selected, 4, (customer) => archive(customer.id));
 */
export async function runBounded<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<R>,
  onProgress?: (finished: number) => void,
): Promise<BulkOutcome<T, R>[]> {
  const outcomes = new Array<BulkOutcome<T, R>>(items.length);
  let next = 0;
  let finished = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index] as T;
      try {
        outcomes[index] = { item, status: 'done', result: await task(item) };
      } catch (error) {
        outcomes[index] = { item, status: 'failed', error };
      }
      finished += 1;
      onProgress?.(finished);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return outcomes;
}
