import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedTarget } from './webhook-target.js';

/** What came back from one POST. */
export type WebhookResponse = { status: number; retryAfter?: string; excerpt: string };

/** Sends one signed body; rejects when no response came (refused, reset, timed out). */
export type WebhookSender = (request: {
  target: CheckedTarget;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}) => Promise<WebhookResponse>;

/** The receiver accepted the connection but did not answer in time. */
export class WebhookTimeoutError extends Error {
  override readonly name = 'WebhookTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`no response within ${timeoutMs / 1000} s`);
  }
}

/** The response body kept in the log: the first kilobyte. */
export const RESPONSE_EXCERPT_BYTES = 1024;

/**
 * POSTs with node's http client, connecting to the address that was checked: the `lookup` hook
 * hands the socket that address instead of resolving the name again (a DNS answer that changed
 * since the check cannot redirect it), while the Host header and TLS SNI and certificate check keep
 * the URL's name. Redirects are never followed (node's client does not), the whole exchange is
 * bounded by `timeoutMs`, and at most 1 KB of the response is read.
 */
export const nodeWebhookSender: WebhookSender = ({ target, headers, body, timeoutMs }) =>
  new Promise((resolve, reject) => {
    const { url, address, family } = target;
    const pinned: LookupFunction = (_hostname, options, callback) => {
      if ((options as { all?: boolean }).all) {
        (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(
          null,
          [{ address, family }],
        );
      } else callback(null, address, family);
    };
    const client = url.protocol === 'https:' ? https : http;
    const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    const request = client.request(
      {
        protocol: url.protocol,
        hostname,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        lookup: pinned,
        agent: false,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'crm-webhooks/1',
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          clearTimeout(timer);
          const retryAfter = response.headers['retry-after'];
          resolve({
            status: response.statusCode ?? 0,
            ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
            excerpt: Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8'),
          });
        };
        response.on('data', (chunk: Buffer) => {
          if (size >= RESPONSE_EXCERPT_BYTES) return;
          chunks.push(chunk);
          size += chunk.length;
          // Enough for the log: stop reading a large body rather than download it.
          if (size >= RESPONSE_EXCERPT_BYTES) {
            finish();
            response.destroy();
          }
        });
        response.on('end', finish);
        response.on('error', finish);
      },
    );
    const timer = setTimeout(() => request.destroy(new WebhookTimeoutError(timeoutMs)), timeoutMs);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(body);
  });
