import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export type ApiGatewayEventOptions = {
  method?: string;
  /** Path with an optional query string, e.g. `/v1/customers?limit=10`. */
  path: string;
  headers?: Record<string, string>;
  /** Serialised as JSON unless it is already a string. */
  body?: unknown;
  sourceIp?: string;
};

/**
 * An API Gateway HTTP API (payload format 2.0) event, as the API Lambda receives it, for driving
 * functions/http/handler.ts in tests without AWS.
 *
 * @example
 * const response = await handler(apiGatewayEvent({ method: 'GET', path: '/health' }));
 */
export function apiGatewayEvent(options: ApiGatewayEventOptions): APIGatewayProxyEventV2 {
  const method = (options.method ?? 'GET').toUpperCase();
  const [rawPath = '/', rawQueryString = ''] = options.path.split('?', 2);
  const headers: Record<string, string> = {
    host: 'api.example.com',
    'user-agent': 'crm-tests',
    ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...Object.fromEntries(
      Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    ),
  };
  const query = new URLSearchParams(rawQueryString);
  const now = new Date();
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      domainName: headers.host as string,
      domainPrefix: 'api',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: options.sourceIp ?? '203.0.113.10',
        userAgent: headers['user-agent'] as string,
      },
      requestId: `req-${now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
  if (rawQueryString) event.queryStringParameters = Object.fromEntries(query.entries());
  if (options.body !== undefined) {
    event.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  return event;
}
