import pRetry from 'p-retry';

/** Thrown while a batch call still has work DynamoDB left unprocessed: the one retryable case. */
class UnprocessedWork extends Error {
  constructor(readonly remaining: number) {
    super(`${remaining} unprocessed`);
    this.name = 'UnprocessedWork';
  }
}

/**
 * Repeats a batch call on what DynamoDB left unprocessed (throttling or size limits), with
 * jittered exponential backoff, until nothing is left or the attempts run out. `send` takes the
 * pending requests and returns those still unprocessed. Any other error stops at once.
 *
 * @example
 * await untilProcessed(requests, async (pending) => unprocessedOf(await client.send(batch(pending))), {
 *   attempts: 8,
 *   what: 'batch write',
 * });
 */
export async function untilProcessed<T>(
  requests: T[],
  send: (pending: T[]) => Promise<T[]>,
  options: { attempts: number; what: string },
): Promise<void> {
  let pending = requests;
  try {
    await pRetry(
      async () => {
        pending = await send(pending);
        if (pending.length > 0) throw new UnprocessedWork(pending.length);
      },
      {
        retries: options.attempts - 1,
        minTimeout: 50,
        factor: 2,
        maxTimeout: 2000,
        randomize: true,
        shouldRetry: ({ error }) => error instanceof UnprocessedWork,
      },
    );
  } catch (error) {
    if (error instanceof UnprocessedWork) {
      throw new Error(
        `${options.what} left ${error.remaining} unprocessed after ${options.attempts} attempts`,
      );
    }
    throw error;
  }
}
