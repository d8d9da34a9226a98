import { DomainError } from '@crm/domain';
import pMap from 'p-map';

/**
 * The part of a nightly SLA pass that complaints and service requests share: for each record
 * whose step was due (read from an open-by-due-time index), load it, let the pure rule decide
 * whether an escalation is to be raised, and save it at the version read. A record that moved on
 * meanwhile loses the version race and is skipped (its new step has a new due time), so the pass
 * is safe to run twice or alongside people working. Answers how many were escalated.
 */
export async function escalateOverdue<Stored extends { version: number }>(args: {
  dueIds: readonly string[];
  load: (id: string) => Promise<Stored | undefined>;
  escalate: (record: Stored) => Stored | undefined;
  save: (next: Stored, expectedVersion: number) => Promise<unknown>;
  concurrency?: number;
}): Promise<number> {
  const outcomes = await pMap(
    args.dueIds,
    async (id) => {
      const record = await args.load(id);
      const escalated = record && args.escalate(record);
      if (!record || !escalated) return false;
      try {
        await args.save(escalated, record.version);
        return true;
      } catch (error) {
        if (error instanceof DomainError && error.code === 'version_conflict') return false;
        throw error;
      }
    },
    { concurrency: args.concurrency ?? 8 },
  );
  return outcomes.filter(Boolean).length;
}
