import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { classifyAddress, DomainError, isDeliverableAddress } from '@crm/domain';

/** Resolves a host name to its addresses (the system resolver by default; tests give a fixed map). */
export type HostResolver = (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;

export const systemResolver: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => ({
    address: entry.address,
    family: entry.family === 6 ? 6 : 4,
  }));

/**
 * Where webhooks may go, set by the host and never by request data: in AWS https to public
 * addresses only; the local runtime also allows loopback (http or https) so people can try
 * webhooks against a receiver on their machine.
 */
export type WebhookTargetPolicy = { allowLoopback: boolean; resolve?: HostResolver };

/** The address a delivery connects to: the one that was checked (no second lookup, no rebinding). */
export type CheckedTarget = { url: URL; address: string; family: 4 | 6 };

export class BlockedTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BlockedTargetError';
  }
}

/**
 * Resolves the URL's host and checks every address it resolves to (one private address among
 * public ones is enough to refuse: the resolver could hand either to the connection). Throws
 * `BlockedTargetError` with the reason.
 */
export async function checkWebhookTarget(
  rawUrl: string,
  policy: WebhookTargetPolicy,
): Promise<CheckedTarget> {
  const url = new URL(rawUrl);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowLoopback)) {
    throw new BlockedTargetError('webhook URLs must use https');
  }
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  let addresses: { address: string; family: 4 | 6 }[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (policy.resolve ?? systemResolver)(host);
    } catch (error) {
      throw new BlockedTargetError(`the host ${host} does not resolve (${(error as Error).message})`);
    }
  }
  if (addresses.length === 0) throw new BlockedTargetError(`the host ${host} does not resolve`);
  for (const { address } of addresses) {
    if (!isDeliverableAddress(address, { allowLoopback: policy.allowLoopback })) {
      throw new BlockedTargetError(`${host} resolves to a ${classifyAddress(address)} address (${address})`);
    }
  }
  const allLoopback = addresses.every(({ address }) => classifyAddress(address) === 'loopback');
  if (url.protocol === 'http:' && !allLoopback) {
    throw new BlockedTargetError(
      'webhook URLs must use https (http only to this machine, in the local runtime)',
    );
  }
  const [first] = addresses as [{ address: string; family: 4 | 6 }];
  return { url, address: first.address, family: first.family };
}

/** The same check, as a 400 on the `url` field (creation and edits). */
export async function assertWebhookTarget(rawUrl: string, policy: WebhookTargetPolicy): Promise<void> {
  try {
    await checkWebhookTarget(rawUrl, policy);
  } catch (error) {
    if (!(error instanceof BlockedTargetError)) throw error;
    throw new DomainError('validation_failed', `The webhook URL is not allowed: ${error.message}`, {
      fields: [{ path: 'url', message: error.message }],
    });
  }
}
