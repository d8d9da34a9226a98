import { DomainError, type ServiceSlaPolicy, serviceStepDueAt } from '@crm/domain';
import type { ServiceRequestRepository } from '@crm/dynamodb';
import pMap from 'p-map';

/** Pages of the request list one night reads for the backfill; the rest waits for the next night. */
const MAX_READS_PER_NIGHT = 25;

/**
 * Gives the requests stored before service SLAs existed a due time, once per tenant: without one
 * they sit in no open-by-due index, so the nightly pass would never see them late until someone
 * moved them on. The clock of their status starts when they were last changed (`stepEnteredAt`
 * reads as `updatedAt` for them) and the hours are the tenant's policy tonight. Bounded: at most
 * `MAX_READS_PER_NIGHT` pages of the request list a night, resumed the next night from where it
 * stopped; once the list has been read to its end the tenant is marked done and this is one read.
 * A request moved on meanwhile (a version conflict) got its due time from that move and is skipped.
 */
export async function backfillServiceDueTimes(args: {
  requests: ServiceRequestRepository;
  /** The tenant's policy tonight; read only while there is something to backfill. */
  policy: () => Promise<ServiceSlaPolicy>;
  now: Date;
  maxReads?: number;
  /** Items read per page (tests make it small to walk the resumption). */
  pageSize?: number;
  concurrency?: number;
}): Promise<number> {
  const { requests, now } = args;
  const state = await requests.slaBackfillState();
  if (state?.done) return 0;
  const policy = await args.policy();
  const { ids, resumeKey } = await requests.withoutSlaClock({
    ...(state?.resumeKey ? { from: state.resumeKey } : {}),
    maxReads: args.maxReads ?? MAX_READS_PER_NIGHT,
    ...(args.pageSize ? { pageSize: args.pageSize } : {}),
  });
  const outcomes = await pMap(
    ids,
    async (id) => {
      const request = await requests.get(id);
      if (!request || request.stepDueAt !== null) return false;
      const stepDueAt = serviceStepDueAt(request, policy);
      if (stepDueAt === null) return false;
      try {
        await requests.save({ ...request, stepDueAt }, request.version);
        return true;
      } catch (error) {
        if (error instanceof DomainError && error.code === 'version_conflict') return false;
        throw error;
      }
    },
    { concurrency: args.concurrency ?? 8 },
  );
  const backfilled = outcomes.filter(Boolean).length;
  await requests.putSlaBackfillState({
    done: resumeKey === undefined,
    resumeKey: resumeKey ?? null,
    backfilled: (state?.backfilled ?? 0) + backfilled,
    updatedAt: now.toISOString(),
  });
  return backfilled;
}
