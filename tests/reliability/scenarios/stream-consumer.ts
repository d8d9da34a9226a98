import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./stream-consumer-process.ts', import.meta.url));

export type ConsumerLine = { ready?: true; handled?: string[]; checkpointed?: number };

/** A stream consumer process (stream-consumer-process.ts) and what it has said so far. */
export type ConsumerProcess = {
  child: ChildProcess;
  /** Event ids of every batch the reactions finished, checkpointed or not. */
  handled: string[][];
  checkpointedBatches: number;
  /** Resolves at the first line (from now on) that `matches`. */
  next: (matches: (line: ConsumerLine) => boolean, timeoutMs?: number) => Promise<ConsumerLine>;
  /** SIGKILL: no handler finishes, no checkpoint is written, nothing is flushed. */
  kill: () => Promise<void>;
  /** SIGTERM: the in-flight batch finishes and is checkpointed (the poller's stop). */
  stop: () => Promise<void>;
  stderr: () => string;
};

export function startConsumerProcess(env: {
  DYNAMODB_ENDPOINT: string;
  TABLE_NAME: string;
  CHECKPOINTS: string;
  BATCH_SIZE?: string;
  HOLD_MS?: string;
  POISON_NAME?: string;
}): ConsumerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = `${errors}${chunk.toString('utf8')}`.slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiters = new Set<(line: ConsumerLine) => void>();
  const consumer: ConsumerProcess = {
    child,
    handled: [],
    checkpointedBatches: 0,
    next: (matches, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`the consumer process said nothing expected in ${timeoutMs} ms:\n${errors}`));
        }, timeoutMs);
        const waiter = (line: ConsumerLine) => {
          if (!matches(line)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(line);
        };
        waiters.add(waiter);
        void exited.then(() => {
          if (!waiters.has(waiter)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          reject(new Error(`the consumer process exited (${child.exitCode}):\n${errors}`));
        });
      }),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    stderr: () => errors,
  };
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    let line: ConsumerLine;
    try {
      line = JSON.parse(text) as ConsumerLine;
    } catch {
      return;
    }
    if (line.handled) consumer.handled.push(line.handled);
    if (line.checkpointed) consumer.checkpointedBatches += 1;
    for (const waiter of [...waiters]) waiter(line);
  });
  return consumer;
}
