import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  inMemorySigningKey,
  persistentSigningKey,
  type SigningKeyProvider,
  type StoredSigningKey,
} from '@crm/app';
import { type NightlyJob, nightlyJobs } from '@crm/app/nightly';
import { createReactions } from '@crm/app/reactions';
import { createStreamHandler, tableRecordKeeper } from '@crm/app/streams';
import { inMemoryExportArchives } from '@crm/app/tenant-data';
import { createTableClient, streamFilter } from '@crm/dynamodb';
import { createApp } from '@crm/http';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { startCampaignSendTimer } from './campaign-send-timer.js';
import { fileCheckpointStore, memoryCheckpointStore } from './checkpoint-store.js';
import { DEMO_EMAIL, DEMO_PASSWORD } from './demo/seed-demo-tenant.js';
import { ensureTable } from './ensure-table.js';
import { fileExportArchives } from './file-export-archives.js';
import { createLocalDynamoDbClient } from './local-clients.js';
import { IN_MEMORY, type LocalConfig } from './local-config.js';
import { createLocalApp, type ListeningServer, listen } from './local-server.js';
import { type LocalStorage, prepareLocalStorage } from './local-storage.js';
import { runLocalNight, startNightlyRefitTimer } from './nightly-refit-timer.js';
import { createRequestGate } from './request-gate.js';
import { runSeed, type Seeded, type Seeder, type SeedOutcome } from './seed.js';
import { createSeedProgress, type SeedProgress } from './seed-progress.js';
import { CHECKPOINTS_FILE, type SeedSnapshot } from './seed-snapshot.js';
import { seeders as registeredSeeders } from './seeders.js';
import { createStreamPoller, type StreamBatchHandler, type StreamPoller } from './stream-poller.js';
import { startTenantDeletionTimer } from './tenant-deletion-timer.js';
import { startWebhookDeliveryTimer } from './webhook-delivery-timer.js';
import { startWorkflowTimer } from './workflow-timer.js';

/** How long a first start waits for the poller to catch up before keeping its pristine copy. */
const SNAPSHOT_CATCH_UP_MS = 120_000;

export type LocalRuntime = {
  url: string;
  port: number;
  dynamodbEndpoint: string;
  tableName: string;
  /** The poller running now (a first start replaces it when its database moves to the data folder). */
  readonly poller: StreamPoller;
  /**
   * The seed, running in the background once the server listens: the demo login works as soon as
   * its tenant exists, and `GET /runtime.json` shows the progress. Never rejects.
   */
  seed: Promise<SeedOutcome>;
  /** The seed's progress now, as `/runtime.json` shows it. */
  seedProgress: () => SeedProgress;
  /** True when this first start runs on a staging copy until the seed is done (local-storage.ts). */
  staged: boolean;
  /** Set when this first start began from the pristine copy of an earlier seed (seed-snapshot.ts). */
  restored: SeedSnapshot | undefined;
  /** Milliseconds spent in each start-up step, and in total. */
  timings: Record<string, number>;
  /** Stops the HTTP server, then the poller (after its in-flight batch), then DynamoDB Local. */
  stop: () => Promise<void>;
};

export type StartLocalRuntimeOptions = {
  log?: (message: string) => void;
  /** Default: the stream Lambda's handler with the reaction registry (@crm/app/reactions). */
  streamHandler?: StreamBatchHandler;
  /** DynamoDB already being prepared (main.ts boots it while this module loads); owned from here on. */
  storage?: Promise<LocalStorage>;
  /** Default: the registered seeders (seeders.ts). */
  seeders?: Readonly<Record<string, Seeder>>;
  /** The nightly jobs the timer and a first start's first night run. Default: the registry (@crm/app/nightly). */
  nightlyJobs?: readonly NightlyJob[];
};

/** The peer of the request's socket; undefined for a request that came through no socket. */
function socketAddress(c: Context): string | undefined {
  const bindings = c.env as { incoming?: unknown; server?: { incoming?: unknown } } | undefined;
  if (!bindings?.incoming && !bindings?.server?.incoming) return undefined;
  return getConnInfo(c).remote.address;
}

/** The signing key lives beside the data, so tokens survive a restart; in memory it is per run. */
function localSigningKey(dataDir: string): SigningKeyProvider {
  if (dataDir === IN_MEMORY) return inMemorySigningKey();
  const path = join(dataDir, 'signing-key.json');
  return persistentSigningKey({
    load: async () =>
      existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as StoredSigningKey) : undefined,
    save: async (key) => {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(path, `${JSON.stringify(key)}\n`, { mode: 0o600 });
    },
  });
}

/**
 * Runs the whole product on this machine: DynamoDB Local (unless `dynamodbEndpoint` is given), the
 * table from the shared definition, the same Hono app the Lambda serves plus the SPA, the stream
 * poller driving the stream Lambda's handler, and the seed hook.
 *
 * @example
 * const runtime = await startLocalRuntime(readLocalConfig());
 * console.log(runtime.url);
 * await runtime.stop();
 */
export async function startLocalRuntime(
  config: LocalConfig,
  options: StartLocalRuntimeOptions = {},
): Promise<LocalRuntime> {
  const log = options.log ?? ((message: string) => console.log(message));
  const timings: Record<string, number> = {};
  const began = performance.now();
  let mark = began;
  const step = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - mark);
    mark = now;
  };
  const inMemory = config.dataDir === IN_MEMORY;
  const cleanups: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        log(`while stopping: ${(error as Error).message}`);
      }
    }
  };

  try {
    const storage = await (options.storage ?? prepareLocalStorage(config));
    cleanups.push(() => storage.stop());
    const endpoint = storage.endpoint;
    step('dynamodb');

    // A pristine copy's table is the one this code defines (the copy's key covers the definition),
    // ACTIVE, with its stream: not described again, since DynamoDB Local counts all of the demo's
    // items for every DescribeTable (≈ 10 s on a loaded machine).
    const restoredStreamArn = storage.restored?.streamArn;
    const ensured = restoredStreamArn
      ? { tableName: config.tableName, streamArn: restoredStreamArn, created: false }
      : await (async () => {
          const control = createLocalDynamoDbClient({ endpoint });
          return ensureTable(control, config.tableName).finally(() => control.destroy());
        })();
    step('table');

    const table = createTableClient({ tableName: config.tableName, endpoint });
    const checkpointsPath = join(config.dataDir, CHECKPOINTS_FILE);
    const checkpoints = inMemory ? memoryCheckpointStore() : fileCheckpointStore(checkpointsPath);
    const readCheckpoints = () =>
      inMemory || !existsSync(checkpointsPath) ? undefined : readFileSync(checkpointsPath, 'utf8');
    const handler = holdingBeforeCheckpoint(
      // The stream Lambda's handler, built the same way (functions/streams/stream.handler.ts).
      options.streamHandler ??
        createStreamHandler({ reactions: createReactions({ table }), keeper: tableRecordKeeper({ table }) }),
      config.streamHoldMs ?? 0,
      (message) => log(`[streams] ${message}`),
    );
    const newPoller = () =>
      createStreamPoller({
        endpoint,
        streamArn: ensured.streamArn,
        handler,
        // The event source mapping's filter (infra builds it from the same list).
        filter: streamFilter,
        checkpoints,
        startingPosition: 'TRIM_HORIZON',
        log: (message) => log(`[streams] ${message}`),
      });
    let poller = newPoller();
    await poller.start();
    cleanups.push(() => poller.stop());
    step('poller');

    const progress = createSeedProgress(config.seed);
    const gate = createRequestGate();
    // A first start's database becomes the pristine copy for later ones only if nobody changed it.
    let changedByRequest = false;
    let listeningUrl: string | undefined;
    const exportArchives = inMemory ? inMemoryExportArchives() : fileExportArchives(config.dataDir);
    // Links in mails: PUBLIC_URL when set, else the URL printed at start (known once listening).
    const publicUrl = () => config.publicUrl ?? listeningUrl ?? `http://localhost:${config.port}`;
    const api = createApp({
      table,
      signingKey: localSigningKey(config.dataDir),
      devRoutes: true,
      version: config.version,
      publicUrl,
      clientAddress: socketAddress,
      // Only the local runtime lets webhooks reach this machine (so people can try them).
      webhooks: { allowLoopback: true },
      // Tenant exports wait beside the data for their one download (in memory for :memory:).
      exportArchives,
      ...(config.rateLimits ? { rateLimits: config.rateLimits } : {}),
    });
    const server: ListeningServer = await listen(
      createLocalApp({
        api,
        webDist: config.webDist,
        gate,
        onChange: () => {
          changedByRequest = true;
        },
        runtimeInfo: () => ({
          runtime: 'local',
          ...(config.seed === 'demo' ? { demo: { email: DEMO_EMAIL, password: DEMO_PASSWORD } } : {}),
          seed: progress.snapshot(),
        }),
      }),
      config.port,
      config.host,
    );
    cleanups.push(() => server.close());
    listeningUrl = server.url;
    if (!existsSync(join(config.webDist, 'index.html'))) {
      log(`note: ${config.webDist} has no build; serving the API only (npm run build:web)`);
    }
    step('server');

    // A staged first start moves its database into the data folder once the seed is done:
    // requests wait (a few seconds), the poller checkpoints and resumes on the moved database.
    // A whole seed nobody changed is also kept as the pristine copy later first starts begin from.
    const persistStaged = async (seeded: Seeded) => {
      if (!storage.staged) return;
      // With copies off (CRM_SEED_CACHE=off) there is nothing to keep, nor to wait for.
      let reusable = storage.keepsSeedCopies && seeded.reusable === true && !changedByRequest;
      if (reusable) {
        // The copy's stream should hold nothing its checkpoints have not seen: let the poller catch
        // up (twice: the reactions' own writes are records too). The API still answers meanwhile.
        try {
          await poller.waitUntilIdle({ timeoutMs: SNAPSHOT_CATCH_UP_MS });
          await poller.waitUntilIdle({ timeoutMs: SNAPSHOT_CATCH_UP_MS });
        } catch {
          reusable = false;
          log('[seed] the stream poller did not catch up in time: no pristine copy kept this time');
        }
      }
      progress.update({ status: 'saving' });
      const began = performance.now();
      await gate.close();
      let checkpointsAtMove: string | undefined;
      try {
        await poller.stop();
        checkpointsAtMove = readCheckpoints();
        reusable &&= !changedByRequest;
        await storage.persist();
        poller = newPoller();
        await poller.start();
      } finally {
        gate.open();
      }
      log(
        `[seed] database moved into ${config.dataDir} in ${((performance.now() - began) / 1000).toFixed(1)} s`,
      );
      // The copy is made from the staged file, which nothing uses any more: in the background.
      const keepStarted = performance.now();
      const keeping = storage
        .releaseStaging(reusable ? { checkpoints: checkpointsAtMove, summary: seeded.summary } : undefined)
        .then(
          () => {
            if (!reusable) return;
            const took = ((performance.now() - keepStarted) / 1000).toFixed(1);
            log(`[seed] pristine copy kept for later first starts (${took} s)`);
          },
          (error: Error) => log(`[seed] no pristine copy kept: ${error.message}`),
        );
      // Stopping waits for the copy: a half-made one would only be deleted next time.
      cleanups.push(() => keeping);
    };

    const markerPath = inMemory ? undefined : join(config.dataDir, 'seed.json');
    const seeders = options.seeders ?? registeredSeeders;
    if (seeders[config.seed] && !(markerPath && existsSync(markerPath)))
      progress.update({ status: 'seeding' });
    const seed: Promise<SeedOutcome> = runSeed({
      name: config.seed,
      seeders,
      markerPath,
      context: {
        table,
        log: (message) => log(`[seed] ${message}`),
        progress: (update) => progress.update(update),
      },
      beforeMarking: persistStaged,
    }).then(
      (outcome) => {
        const done =
          outcome.status === 'seeded' ||
          (outcome.status === 'skipped' && outcome.reason === 'already-seeded');
        progress.update({ status: done ? 'done' : 'idle' });
        return outcome;
      },
      (error: Error) => {
        progress.update({ status: 'failed', error: error.message });
        log(`[seed] failed: ${error.message}`);
        return { status: 'failed', error: error.message } as const;
      },
    );
    const jobs = options.nightlyJobs ?? nightlyJobs;
    if (config.refitHourUtc !== undefined) {
      // A seeded tenant's churn states and alerts, care tasks, member tiers and KPI snapshot come
      // from the nightly passes: a first start runs them once as soon as the seed is whole (or
      // restored), so the demo's alert inbox is not empty until 02:00 UTC. The seed fitted already.
      void seed.then(async (outcome) => {
        if (outcome.status !== 'seeded' && !storage.restored) return;
        const began = performance.now();
        log('[seed] the first night now (churn alerts, care tasks, member tiers, KPI snapshot)…');
        await runLocalNight({
          table,
          jobs: jobs.filter((job) => job.name !== 'refit'),
          log: (message) => log(`[seed] first night: ${message}`),
        }).catch((error: Error) => log(`[seed] first night stopped: ${error.message}`));
        log(`[seed] first night ended in ${((performance.now() - began) / 1000).toFixed(1)} s`);
      });
    }

    if (config.refitHourUtc !== undefined) {
      const nightly = startNightlyRefitTimer({
        table,
        jobs,
        hourUtc: config.refitHourUtc,
        log: (message) => log(`[analytics] ${message}`),
      });
      cleanups.push(() => nightly.stop());
    }
    const webhooks = startWebhookDeliveryTimer({
      table,
      timeScale: config.webhookTimeScale ?? 1,
      log: (message) => log(`[webhooks] ${message}`),
    });
    cleanups.push(() => webhooks.stop());
    const workflows = startWorkflowTimer({ table, log: (message) => log(`[workflows] ${message}`) });
    cleanups.push(() => workflows.stop());
    const campaignSends = startCampaignSendTimer({
      table,
      publicUrl,
      log: (message) => log(`[campaigns] ${message}`),
    });
    cleanups.push(() => campaignSends.stop());
    const deletions = startTenantDeletionTimer({
      table,
      archives: exportArchives,
      log: (message) => log(`[tenant-data] ${message}`),
    });
    cleanups.push(() => deletions.stop());
    timings.total = Math.round(performance.now() - began);

    return {
      url: server.url,
      port: server.port,
      dynamodbEndpoint: endpoint,
      tableName: config.tableName,
      get poller() {
        return poller;
      },
      seed,
      seedProgress: () => progress.snapshot(),
      staged: storage.staged,
      restored: storage.restored,
      timings,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The reliability suite's window (CRM_STREAM_HOLD_MS): a batch whose reactions ran waits before
 * the poller saves its checkpoint, and the log says when it starts waiting, so a kill of the whole
 * runtime lands after the effects and before the checkpoint. With 0, the handler as it is.
 */
function holdingBeforeCheckpoint(
  handler: StreamBatchHandler,
  holdMs: number,
  log: (message: string) => void,
): StreamBatchHandler {
  if (holdMs <= 0) return handler;
  return async (event, context) => {
    const response = await handler(event, context);
    const first = event.Records[0]?.eventID ?? '';
    const types = new Map<string, number>();
    for (const record of event.Records) {
      const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
      const type = image?.[streamFilter.entityTypeAttribute]?.S ?? 'unknown';
      types.set(type, (types.get(type) ?? 0) + 1);
    }
    const kinds = [...types].map(([type, count]) => `${type} ×${count}`).join(', ');
    log(
      `batch handled (${event.Records.length} records from ${first}: ${kinds}); holding ${holdMs} ms before its checkpoint`,
    );
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    return response;
  };
}
