import type { CreditRepository } from '@crm/dynamodb';

/** Pages of the customer lists one night reads for the catch-up; the rest waits for the next night. */
const MAX_READS_PER_NIGHT = 25;

/**
 * Puts the credit files saved before the files index existed into it, once per tenant: without
 * the index keys the policy preview (which reads only the index) never counts them, and a file is
 * saved again only when an order, a payment or the nightly pass changes its decision, which for a
 * quiet customer may be never. A data folder of the local runtime or a deployed table from before
 * the index keeps such files. Bounded: at most `MAX_READS_PER_NIGHT` pages of the customer lists a
 * night (a page's files are one batch get), resumed the next night from where it stopped; once the
 * lists have been read to their end the tenant is marked done and this costs one read a night.
 */
export async function indexCreditFilesStoredBefore(args: {
  credit: CreditRepository;
  now: Date;
  maxReads?: number;
  /** Customers read per page (tests make it small to walk the resumption). */
  pageSize?: number;
}): Promise<number> {
  const { credit, now } = args;
  const state = await credit.filesIndexCatchUp();
  if (state?.done) return 0;
  const { indexed, position } = await credit.indexFilesStoredBefore({
    ...(state?.position ? { from: state.position } : {}),
    maxReads: args.maxReads ?? MAX_READS_PER_NIGHT,
    ...(args.pageSize ? { pageSize: args.pageSize } : {}),
  });
  await credit.putFilesIndexCatchUp({
    done: position === undefined,
    position: position ?? null,
    indexed: (state?.indexed ?? 0) + indexed,
    updatedAt: now.toISOString(),
  });
  return indexed;
}
