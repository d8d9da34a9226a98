import {
  CampaignRepository,
  CampaignSendQueue,
  type TableClient,
  type TenantClientFactory,
} from '@crm/dynamodb';

/** Pages of the tenant's campaign list one night reads; the rest waits for the next night. */
const MAX_PAGES_PER_NIGHT = 10;
const PAGE_SIZE = 100;

/**
 * Puts the sends that were already `sending` before the due list existed on it, once per tenant:
 * such a send is carried on only while someone calls the API for it, so one whose page was closed
 * would never finish. Bounded like the credit files catch-up (credit-files-index-catch-up.ts): it
 * reads the tenant's campaign list (gsi1, newest first, never a scan), at most
 * `MAX_PAGES_PER_NIGHT` pages a night, lists each `sending` campaign without an entry as due now,
 * and keeps where it stopped; once the list has been read to its end the tenant is marked done and
 * this costs one read a night. A send started since has its entry already (it is filed before the
 * campaign turns `sending`), so the catch-up never needs to run again.
 */
export async function listSendsBegunBeforeTheDueList(args: {
  table: TableClient;
  tenantClient: TenantClientFactory;
  tenantId: string;
  now: Date;
  maxPages?: number;
  /** Campaigns read per page (tests make it small to walk the resumption). */
  pageSize?: number;
}): Promise<number> {
  const campaigns = new CampaignRepository(args.tenantClient(args.tenantId), args.tenantId);
  const queue = new CampaignSendQueue(args.table);
  const state = await campaigns.sendsCatchUp();
  if (state?.done) return 0;
  let cursor = state?.cursor ?? undefined;
  let listed = 0;
  for (let page = 0; page < (args.maxPages ?? MAX_PAGES_PER_NIGHT); page++) {
    const { items, cursor: next } = await campaigns.list({
      limit: args.pageSize ?? PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    for (const campaign of items) {
      if (campaign.status !== 'sending') continue;
      if (await queue.get({ tenantId: args.tenantId, campaignId: campaign.id })) continue;
      await queue.mark({ tenantId: args.tenantId, campaignId: campaign.id, dueAt: args.now.toISOString() });
      listed++;
    }
    cursor = next ?? undefined;
    if (!cursor) break;
  }
  await campaigns.putSendsCatchUp({
    done: cursor === undefined,
    cursor: cursor ?? null,
    listed: (state?.listed ?? 0) + listed,
    updatedAt: args.now.toISOString(),
  });
  return listed;
}
