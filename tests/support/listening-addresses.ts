import { readFileSync } from 'node:fs';

/** Hex as in /proc/net/tcp (little-endian 32-bit words) → dotted IPv4 or colon-separated IPv6. */
function decodeProcAddress(hex: string): string {
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((word) =>
    (word.match(/../g) ?? []).reverse().map((b) => Number.parseInt(b, 16)),
  );
  if (bytes.length === 4) return bytes.join('.');
  // IPv4-mapped IPv6 (::ffff:a.b.c.d): what a Java dual-stack socket bound to 127.0.0.1 shows.
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff)
    return bytes.slice(12).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return groups.join(':');
}

/**
 * The local addresses on which some process of this machine LISTENs on TCP `port`, read from the
 * kernel's socket tables (what `ss -ltn` shows): `0.0.0.0` or `0:0:0:0:0:0:0:0` mean every interface.
 */
export function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [address, portHex] = (fields[1] ?? '').split(':');
      const LISTEN = '0A';
      if (fields[3] !== LISTEN || !address || !portHex) continue;
      if (Number.parseInt(portHex, 16) === port) found.push(decodeProcAddress(address));
    }
  }
  return found;
}
