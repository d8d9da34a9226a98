/** A tenant's policy as its admin sees it: the saved one, or the default (version 0) until one is saved. */
export type TenantPolicyView<Policy> = { policy: Policy; version: number; updatedAt: string | null };

type StoredPolicy<Policy> = { policy: Policy; version: number; updatedAt: string; updatedBy: string };

/** The repository side of a versioned policy (complaint and service SLAs, credit, churn, tasks, tiers). */
export type TenantPolicyStore<Policy> = {
  getPolicy(): Promise<StoredPolicy<Policy> | undefined>;
  putPolicy(stored: StoredPolicy<Policy>, expectedVersion: number): Promise<void>;
};

/**
 * @example
 * const { policy, version } = await readTenantPolicy(repository, defaultChurnPolicy);
 */
export async function readTenantPolicy<Policy>(
  store: TenantPolicyStore<Policy>,
  fallback: Policy,
): Promise<TenantPolicyView<Policy>> {
  const stored = await store.getPolicy();
  return stored
    ? { policy: stored.policy, version: stored.version, updatedAt: stored.updatedAt }
    : { policy: fallback, version: 0, updatedAt: null };
}

/**
 * Saves `policy` (already validated) over the one at `expectedVersion`; a stale version answers
 * `version_conflict` from the store, so two admins never overwrite each other.
 *
 * @example
 * await replaceTenantPolicy(repository, { policy, expectedVersion: 3, actorId, now: clock() });
 */
export async function replaceTenantPolicy<Policy>(
  store: TenantPolicyStore<Policy>,
  input: { policy: Policy; expectedVersion: number; actorId: string; now: Date },
): Promise<TenantPolicyView<Policy>> {
  const updatedAt = input.now.toISOString();
  const version = input.expectedVersion + 1;
  await store.putPolicy(
    { policy: input.policy, version, updatedAt, updatedBy: input.actorId },
    input.expectedVersion,
  );
  return { policy: input.policy, version, updatedAt };
}
