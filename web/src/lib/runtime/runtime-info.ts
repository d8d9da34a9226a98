import { createResource, type Resource } from 'solid-js';

/** How far one kind of record has come: `done` of `total` (total unknown until the file is read). */
export type SeedCount = { done: number; total: number | null };

/** The seed's step, as packages/local/src/seed-progress.ts reports it. */
export type SeedStatus = 'idle' | 'seeding' | 'fitting' | 'saving' | 'done' | 'failed';

/** The first-start demo seed's progress (`seed` in `/runtime.json`, local runtime only). */
export type SeedProgress = {
  name: string;
  status: SeedStatus;
  tenantId?: string;
  customers: SeedCount;
  orders: SeedCount;
  contacts: SeedCount;
  scored: SeedCount;
  /** 0–1: the share of the whole seed done. */
  fraction: number;
  startedAt?: string;
  finishedAt?: string;
  elapsedMs?: number;
  error?: string;
};

/** What the host says about itself: only the local runtime serves `/runtime.json`. */
export type RuntimeInfo = {
  runtime: 'local' | 'cloud';
  /** The seeded demo tenant's login, offered on the login screen (local runtime only). */
  demo?: { email: string; password: string };
  /** The demo seed's progress (local runtime only; absent on older runtimes). */
  seed?: SeedProgress;
};

const CLOUD: RuntimeInfo = { runtime: 'cloud' };

function isRuntimeInfo(value: unknown): value is RuntimeInfo {
  return typeof value === 'object' && value !== null && (value as { runtime?: unknown }).runtime === 'local';
}

/** Reads `/runtime.json`; anything else (404, CloudFront's index.html fallback) means the cloud. */
export async function fetchRuntimeInfo(
  send: (url: string) => Promise<Response> = (url) => fetch(url),
): Promise<RuntimeInfo> {
  try {
    const response = await send('/runtime.json');
    if (!response.ok || !response.headers.get('content-type')?.includes('json')) return CLOUD;
    const body: unknown = await response.json();
    return isRuntimeInfo(body) ? body : CLOUD;
  } catch {
    return CLOUD;
  }
}

let inFlight: Promise<RuntimeInfo> | undefined;

/**
 * `/runtime.json` for everyone who asks at the same moment: the login screen (demo offer) and the
 * seed banner mount together and share one request. A later call reads afresh, since the seed's
 * progress moves on.
 */
export function readRuntimeInfo(): Promise<RuntimeInfo> {
  inFlight ??= fetchRuntimeInfo().finally(() => {
    inFlight = undefined;
  });
  return inFlight;
}

/** The host's self-description for a screen (a tiny file, shared with whoever reads it at once). */
export function useRuntimeInfo(): Resource<RuntimeInfo> {
  return createResource(() => readRuntimeInfo())[0];
}
