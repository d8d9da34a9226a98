import { isIP } from 'node:net';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RateLimitConfigError, type RateLimits, rateLimitsFromEnv } from '@crm/app';

/** The repository root (packages/local/src → ../../..). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export const IN_MEMORY = ':memory:';

/** The CDNOW master file, beside the repository (../shared/data/cdnow); CRM_DEMO_DATA overrides. */
export function cdnowMasterPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CRM_DEMO_DATA || join(repoRoot, '..', 'shared', 'data', 'cdnow', 'CDNOW_master.txt');
}

/** The file a seeder reads, if any: part of what names its pristine copy (seed-snapshot.ts). */
export function seedInputFile(seed: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return seed === 'demo' ? cdnowMasterPath(env) : undefined;
}

export type LocalConfig = {
  /** `PORT`, default 3000. */
  port: number;
  /**
   * `HOST`, default `127.0.0.1`: the address the API and SPA listen on. `0.0.0.0` opens them to
   * the network (DynamoDB Local stays on 127.0.0.1 whatever this says).
   */
  host: string;
  /** `CRM_DATA_DIR` resolved to an absolute path, or `:memory:`. Default `<repo>/.data`. */
  dataDir: string;
  /** `DYNAMODB_ENDPOINT`: use that running DynamoDB (Local) instead of starting one. */
  dynamodbEndpoint: string | undefined;
  /** `TABLE_NAME`, default `crm`. */
  tableName: string;
  /** `CRM_SEED`, default `demo`; `none` skips seeding. */
  seed: string;
  /** The built SPA, `<repo>/web/dist`. */
  webDist: string;
  /** `APP_VERSION`, reported by /health. */
  version: string;
  /** `PUBLIC_URL`: the base of links in mails. Default: the URL the server prints at start. */
  publicUrl?: string;
  /**
   * `CRM_REFIT_HOUR_UTC`, default 2: the hour (UTC) of the nightly analytics refit, as the
   * EventBridge schedule in AWS; `off` turns the timer off.
   */
  refitHourUtc: number | undefined;
  /**
   * `CRM_WEBHOOK_TIME_SCALE`, default 1: multiplies the webhook retry schedule's waits (0.0001 runs
   * three days of retries in about half a minute), for trying failure handling and for tests.
   */
  webhookTimeScale?: number;
  /**
   * `RATE_LIMIT_TENANT_BURST`, `RATE_LIMIT_TENANT_PER_SECOND`, `RATE_LIMIT_API_KEY_BURST`,
   * `RATE_LIMIT_API_KEY_PER_SECOND`: the request buckets, as the Lambda reads them. Default
   * DEFAULT_RATE_LIMITS.
   */
  rateLimits?: RateLimits;
  /**
   * `CRM_STREAM_HOLD_MS`, default 0: fault injection for the reliability suite only. Each stream
   * batch, once its reactions ran, waits this long before its checkpoint is saved and says so in
   * the log, so a kill of the whole runtime is known to land between the two.
   */
  streamHoldMs?: number;
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads the local runtime's settings from the environment (see docs/local-runtime.md). */
export function readLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ConfigError(`PORT is not a port: ${portText}`);
  const host = env.HOST || '127.0.0.1';
  if (!isIP(host) && !/^[A-Za-z0-9.-]{1,253}$/.test(host))
    throw new ConfigError(`HOST is not an address or host name: ${host}`);
  const rawDataDir = env.CRM_DATA_DIR || join(repoRoot, '.data');
  const dataDir = rawDataDir === IN_MEMORY || isAbsolute(rawDataDir) ? rawDataDir : resolve(rawDataDir);
  const tableName = env.TABLE_NAME || 'crm';
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(tableName))
    throw new ConfigError(`TABLE_NAME is not a table name: ${tableName}`);
  const refitText = env.CRM_REFIT_HOUR_UTC || '2';
  const refitHourUtc = refitText === 'off' ? undefined : Number(refitText);
  if (
    refitHourUtc !== undefined &&
    !(Number.isInteger(refitHourUtc) && refitHourUtc >= 0 && refitHourUtc <= 23)
  )
    throw new ConfigError(`CRM_REFIT_HOUR_UTC is not an hour 0–23 or "off": ${refitText}`);
  return {
    port,
    host,
    dataDir,
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    tableName,
    seed: env.CRM_SEED || 'demo',
    webDist: join(repoRoot, 'web', 'dist'),
    version: env.APP_VERSION || 'local',
    ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
    refitHourUtc,
    webhookTimeScale: readTimeScale(env.CRM_WEBHOOK_TIME_SCALE),
    rateLimits: readRateLimits(env),
    streamHoldMs: readStreamHold(env.CRM_STREAM_HOLD_MS),
  };
}

function readStreamHold(text: string | undefined): number {
  if (!text) return 0;
  const ms = Number(text);
  if (!(Number.isInteger(ms) && ms >= 0 && ms <= 60_000))
    throw new ConfigError(`CRM_STREAM_HOLD_MS is not a whole number of milliseconds 0–60000: ${text}`);
  return ms;
}

function readRateLimits(env: NodeJS.ProcessEnv): RateLimits {
  try {
    return rateLimitsFromEnv(env);
  } catch (error) {
    if (error instanceof RateLimitConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

function readTimeScale(text: string | undefined): number {
  if (!text) return 1;
  const scale = Number(text);
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 1))
    throw new ConfigError(`CRM_WEBHOOK_TIME_SCALE is not a number in (0, 1]: ${text}`);
  return scale;
}
