import { createMiddleware } from 'hono/factory';

/**
 * After an answer that left the request body unread (a 413 from the body limit, a 401 before the
 * route, a route that takes no body), the rest of the body is still on the wire ahead of the
 * client's next request on that connection. Answering `Connection: close` lets Node end the
 * connection cleanly, so a keep-alive client opens a new one instead of meeting a reset socket.
 * API Gateway terminates connections itself; this is the local server's concern only.
 */
export function closeUnreadBodies() {
  return createMiddleware(async (c, next) => {
    await next();
    const request = c.req.raw;
    const sentBody =
      request.headers.get('transfer-encoding') !== null ||
      Number(request.headers.get('content-length') ?? 0) > 0;
    if (sentBody && !request.bodyUsed) c.res.headers.set('Connection', 'close');
  });
}
