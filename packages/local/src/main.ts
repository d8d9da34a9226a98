// `npm start` (scripts/start.mjs) runs this file with tsx. Settings: docs/local-runtime.md.

import { DEMO_EMAIL, DEMO_PASSWORD } from './demo/seed-demo-tenant.js';
import { readLocalConfig } from './local-config.js';
import type { LocalRuntime } from './local-runtime.js';
import { type LocalStorage, prepareLocalStorage } from './local-storage.js';
import type { SeedOutcome } from './seed.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const log = (message: string) => console.log(message);

function describeSeed(seed: SeedOutcome, name: string): string {
  switch (seed.status) {
    case 'seeded':
      return `${name} seed: ${seed.summary}`;
    case 'unavailable':
      return `${seed.name} seed: not available yet`;
    case 'skipped':
      return seed.reason === 'disabled' ? 'seed: skipped (CRM_SEED=none)' : `${name} seed: already done`;
    case 'failed':
      return `${name} seed failed: ${seed.error}`;
  }
}

let runtime: LocalRuntime | undefined;
let storage: Promise<LocalStorage> | undefined;
let shuttingDown = false;

async function shutdown(reason: string, code: number): Promise<void> {
  // Ctrl-C reaches both scripts/start.mjs and this process, and start.mjs forwards it: one is enough.
  if (shuttingDown) return;
  shuttingDown = true;
  log(`\nstopping (${reason})…`);
  const force = setTimeout(() => {
    console.error('could not stop within 10 s; exiting anyway');
    process.exit(1);
  }, 10_000);
  force.unref();
  if (runtime) await runtime.stop();
  else await storage?.then((started) => started.stop()).catch(() => {});
  log('stopped');
  process.exit(code);
}

process.on('SIGINT', () => void shutdown('SIGINT', 0));
process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
process.on('SIGHUP', () => void shutdown('SIGHUP', 0));
// Started by scripts/start.mjs with an IPC channel: if that parent dies, so do we.
if (process.connected) process.on('disconnect', () => void shutdown('parent exited', 0));

try {
  const config = readLocalConfig();
  log(
    `starting CRM (data: ${config.dataDir}, table: ${config.tableName}` +
      `${config.dynamodbEndpoint ? `, DynamoDB at ${config.dynamodbEndpoint}` : ''})…`,
  );
  // Boot the JVM first and load the rest (API, AWS SDK, Powertools: ~0.6 s) while it starts.
  storage = prepareLocalStorage(config);
  storage.catch(() => {});
  const { startLocalRuntime } = await import('./local-runtime.js');
  runtime = await startLocalRuntime(config, { log, storage });
  if (shuttingDown) {
    await runtime.stop();
  } else {
    const timings = Object.entries(runtime.timings)
      .map(([step, ms]) => `${step} ${ms} ms`)
      .join(', ');
    log(`DynamoDB at ${runtime.dynamodbEndpoint}, table ${runtime.tableName}, stream poller running`);
    const sinceLaunch = process.env.CRM_START_TIME
      ? Date.now() - Number(process.env.CRM_START_TIME)
      : undefined;
    log(
      `started in ${(runtime.timings.total ?? 0) / 1000} s (${timings})` +
        (sinceLaunch ? `; ${sinceLaunch / 1000} s since npm start` : ''),
    );
    log(`CRM ready at ${runtime.url}`);
    const seeding = runtime.seedProgress().status === 'seeding';
    if (runtime.restored) {
      log(
        `${config.seed} seed: started from the pristine copy made at ${runtime.restored.madeAt} ` +
          `(${runtime.restored.summary}); CRM_SEED_CACHE=off seeds afresh`,
      );
    }
    if (config.seed === 'demo') {
      log(`demo tenant: log in with ${DEMO_EMAIL} / ${DEMO_PASSWORD}  (API docs: ${runtime.url}/docs)`);
    }
    if (seeding) {
      log(
        `seeding in the background (progress: ${runtime.url}/runtime.json)` +
          (runtime.staged ? '; this first start keeps its data in memory until the seed is done' : ''),
      );
    }
    const { url } = runtime;
    void runtime.seed.then((seed) => {
      if (seeding || seed.status !== 'skipped') log(describeSeed(seed, config.seed));
      if (seeding && seed.status === 'seeded') {
        const total = process.env.CRM_START_TIME
          ? ` (${(Date.now() - Number(process.env.CRM_START_TIME)) / 1000} s since npm start)`
          : '';
        log(`demo ready at ${url}${total}`);
      }
    });
  }
} catch (error) {
  console.error(`\ncould not start: ${(error as Error).message}`);
  // startLocalRuntime cleans up after itself; this covers a failure before it took over.
  await storage?.then((started) => started.stop()).catch(() => {});
  process.exit(1);
}
