import type { App } from '@crm/http';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * The contract check: every response an integration test receives is held against the OpenAPI
 * document the same app serves. The status must be one the operation declares, and a JSON body
 * must match the schema declared for that status, so a route and its document cannot drift apart
 * without a test failing. Responses to paths the document does not know (the app's own 404)
 * must still have the `Error` shape.
 *
 * The document leaves response objects open, so clients tolerate fields added later; the check
 * closes them, so the server never sends a field the document does not name (no storage
 * bookkeeping such as `statsRevision` leaking out).
 */
type Operation = { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
type Document = { paths: Record<string, Record<string, Operation>>; components: unknown };
type Route = { method: string; template: string; pattern: RegExp; operation: Operation };

const DOCUMENT_ID = 'https://crm.contract/openapi.json';

class Contract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly routes: Route[] = [];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: Document) {
    addFormats.default(this.ajv);
    // What the document's integers say (int64 within the safe range, int32); zod enforces them.
    this.ajv.addFormat('int64', { type: 'number', validate: Number.isSafeInteger });
    this.ajv.addFormat('int32', { type: 'number', validate: (n: number) => n === (n | 0) });
    this.ajv.addSchema({ ...(closeObjects(document) as object), $id: DOCUMENT_ID });
    for (const [template, operations] of Object.entries(document.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const [method, operation] of Object.entries(operations)) {
        this.routes.push({ method: method.toUpperCase(), template, pattern, operation });
      }
    }
    // Literal paths win over templates (/v1/customers/export before /v1/customers/{customerId}).
    this.routes.sort((a, b) => countParams(a.template) - countParams(b.template));
  }

  /** The reasons a response breaks the contract; empty when it keeps it. */
  violations(method: string, path: string, status: number, contentType: string, body: string): string[] {
    const route = this.routes.find(
      (candidate) => candidate.method === method && candidate.pattern.test(path),
    );
    const where = `${method} ${path} → ${status}`;
    if (!route) {
      if (status !== 404 && status !== 405) return [`${where}: no operation in the document`];
      return this.check(`${DOCUMENT_ID}#/components/schemas/Error`, where, contentType, body);
    }
    const declared = route.operation.responses[String(status)] ?? route.operation.responses.default;
    if (!declared) {
      return [
        `${where}: status not declared by ${method} ${route.template} (declares ${Object.keys(route.operation.responses).join(', ')})`,
      ];
    }
    if (!declared.content) {
      return body.length === 0 ? [] : [`${where}: declares no body but got ${body.slice(0, 200)}`];
    }
    if (!contentType.includes('json')) {
      const declaredTypes = Object.keys(declared.content);
      return declaredTypes.some((type) => contentType.startsWith(type))
        ? []
        : [`${where}: content-type ${contentType} not among ${declaredTypes.join(', ')}`];
    }
    const pointer = [
      'paths',
      route.template,
      route.method.toLowerCase(),
      'responses',
      String(status),
      'content',
      'application/json',
      'schema',
    ]
      .map((segment) => segment.replaceAll('~', '~0').replaceAll('/', '~1'))
      .join('/');
    return this.check(`${DOCUMENT_ID}#/${pointer}`, where, contentType, body);
  }

  private check(ref: string, where: string, contentType: string, body: string): string[] {
    if (!contentType.includes('json')) return [`${where}: expected a JSON body, got ${contentType}`];
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.validators.set(ref, validate);
    }
    if (validate(JSON.parse(body))) return [];
    return (validate.errors ?? []).map(
      (error) => `${where}: body${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`,
    );
  }
}

function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (node === null || typeof node !== 'object') return node;
  const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, closeObjects(value)]));
  const isObjectSchema =
    'properties' in copy && typeof copy.properties === 'object' && copy.type === 'object';
  if (isObjectSchema && !('additionalProperties' in copy)) copy.additionalProperties = false;
  return copy;
}

function countParams(template: string): number {
  return template.split('{').length - 1;
}

let contract: Promise<Contract> | undefined;

/** The document is the same for every app the tests build (only dev routes differ: tests mount them). */
function contractOf(fetch: App['fetch']): Promise<Contract> {
  contract ??= (async () => {
    const response = await fetch(new Request('http://localhost/openapi.json'));
    return new Contract((await response.json()) as Document);
  })();
  return contract;
}

/**
 * Wraps the app's `fetch` (which `app.request` calls) so that a response breaking the contract
 * throws, failing the test that received it.
 */
export function withContractCheck<T extends App>(app: T): T {
  const fetch = app.fetch;
  app.fetch = async (request, ...rest) => {
    const response = await fetch(request, ...rest);
    const url = new URL(request.url);
    // Pages, not API operations: the document itself, Swagger UI and its assets, the local mailbox
    // (and its form that marks a campaign SMS failed).
    if (
      url.pathname === '/openapi.json' ||
      url.pathname === '/docs' ||
      url.pathname.startsWith('/docs/') ||
      url.pathname === '/dev/mailbox' ||
      url.pathname.startsWith('/dev/mailbox/')
    ) {
      return response;
    }
    const body = await response.clone().text();
    const violations = (await contractOf(fetch)).violations(
      request.method,
      url.pathname,
      response.status,
      response.headers.get('content-type') ?? '',
      body,
    );
    if (violations.length > 0) {
      throw new Error(`The response breaks the OpenAPI contract:\n${violations.slice(0, 10).join('\n')}`);
    }
    return response;
  };
  return app;
}
