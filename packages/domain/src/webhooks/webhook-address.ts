import ipaddr from 'ipaddr.js';

/** Why an address may or may not receive webhooks. */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'linkLocal'
  | 'carrierGradeNat'
  | 'multicast'
  | 'metadata'
  | 'reserved'
  | 'invalid';

/**
 * Cloud instance-metadata services. Most also sit in a refused range (169.254/16, 100.64/10,
 * fd00::/8), but they are named so the refusal says what was aimed at.
 */
const METADATA_ADDRESSES: ReadonlySet<string> = new Set([
  '169.254.169.254', // AWS, GCP, Azure, OpenStack
  '169.254.170.2', // ECS task metadata
  '100.100.100.200', // Alibaba Cloud
  'fd00:ec2::254', // AWS IMDS over IPv6
]);

const RANGE_CLASSES: Readonly<Record<string, AddressClass>> = {
  unicast: 'public',
  loopback: 'loopback',
  private: 'private',
  uniqueLocal: 'private',
  linkLocal: 'linkLocal',
  carrierGradeNat: 'carrierGradeNat',
  multicast: 'multicast',
};

/**
 * Classifies an IP address for SSRF checks (ipaddr.js parses every IPv4 and IPv6 spelling, and an
 * IPv4-mapped IPv6 address such as `::ffff:127.0.0.1` is judged as the IPv4 address it carries).
 * Anything not plainly public unicast (documentation, benchmarking, 6to4, Teredo, NAT64, broadcast,
 * unspecified…) is `reserved`: refusing an odd address costs nothing, letting one through may.
 *
 * @example
 * classifyAddress('::ffff:169.254.169.254') // 'metadata'
 */
export function classifyAddress(address: string): AddressClass {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return 'invalid';
  // process() turns an IPv4-mapped IPv6 address into the IPv4 one it stands for.
  const parsed = ipaddr.process(bare);
  const normal = parsed.toNormalizedString();
  if (METADATA_ADDRESSES.has(normal) || METADATA_ADDRESSES.has(parsed.toString())) return 'metadata';
  return RANGE_CLASSES[parsed.range()] ?? 'reserved';
}

/**
 * Whether a webhook may be sent to this address. Only public unicast addresses, and loopback
 * when the host allows it (the local runtime, so people can try webhooks on their machine; never
 * decided from request data).
 */
export function isDeliverableAddress(address: string, options: { allowLoopback: boolean }): boolean {
  const kind = classifyAddress(address);
  return kind === 'public' || (kind === 'loopback' && options.allowLoopback);
}
