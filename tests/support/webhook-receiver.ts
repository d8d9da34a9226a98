import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedWebhook = { body: string; headers: IncomingHttpHeaders; status: number };

/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests: records every request and answers with
 * what `respond` says (200 by default), so a test can fail the first attempts, answer 410, or stay
 * down.
 *
 * @example
 * const receiver = await startWebhookReceiver(); … receiver.url('/hook') … await receiver.close();
 */
export async function startWebhookReceiver(
  respond: (request: { body: string; headers: IncomingHttpHeaders; index: number }) => {
    status: number;
    headers?: Record<string, string>;
  } = () => ({ status: 200 }),
) {
  const received: ReceivedWebhook[] = [];
  let behaviour = respond;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = behaviour({ body, headers: request.headers, index: received.length });
      received.push({ body, headers: request.headers, status: answer.status });
      response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      response.end(answer.status < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    received,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    respondWith: (next: typeof respond) => {
      behaviour = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
