import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../../packages/local/src/main.ts', import.meta.url));

/** `npm start`'s process (API, stream poller, timers) and what its log has said so far. */
export type RuntimeProcess = {
  child: ChildProcess;
  /** Resolves at the first log line (from now on) that `matches`. */
  next: (matches: (line: string) => boolean, timeoutMs?: number) => Promise<string>;
  /** SIGKILL: the server, the poller and the timers die together; nothing is flushed. */
  kill: () => Promise<void>;
  /** SIGTERM: the runtime's own stop (server, then the poller after its in-flight batch). */
  stop: () => Promise<void>;
  log: () => string;
};

/**
 * Starts the local runtime (packages/local/src/main.ts, as `npm start` runs it) against a running
 * DynamoDB, on `env`'s data folder and port, with no seed and no nightly refit.
 */
export function startRuntimeProcess(env: {
  DYNAMODB_ENDPOINT: string;
  TABLE_NAME: string;
  PORT: string;
  CRM_DATA_DIR: string;
  CRM_STREAM_HOLD_MS?: string;
}): RuntimeProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: {
      ...process.env,
      CRM_SEED: 'none',
      CRM_REFIT_HOUR_UTC: 'off',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiters = new Set<(line: string) => void>();
  const hear = (line: string) => {
    text = `${text}${line}\n`.slice(-20_000);
    for (const waiter of [...waiters]) waiter(line);
  };
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', hear);
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', hear);
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return {
    child,
    next: (matches, timeoutMs = 90_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`the runtime logged nothing expected in ${timeoutMs} ms:\n${text}`));
        }, timeoutMs);
        const waiter = (line: string) => {
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
          reject(new Error(`the runtime exited (${child.exitCode ?? child.signalCode}):\n${text}`));
        });
      }),
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
    log: () => text,
  };
}
