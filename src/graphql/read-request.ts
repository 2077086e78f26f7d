/** Reads a GraphQL request out of an HTTP request, as the GraphQL-over-HTTP spec describes (GET and POST). */

export interface GraphqlHttpInput {
  /** Upper-case. */
  method: string;
  query: Record<string, string | string[] | undefined>;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  /** A parsed JSON body, the text of an `application/graphql` body, or nothing. */
  body: unknown;
}

export interface GraphqlRequest {
  query?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
  /** Mutations are refused over GET. */
  viaGet: boolean;
}

/** A request that is not a GraphQL request: the HTTP status and the message of its one error. */
export interface HttpRefusal {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

export type ReadResult = { ok: true; request: GraphqlRequest } | { ok: false; refusal: HttpRefusal };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;
const GRAPHQL_TYPE = /^application\/graphql\b/i;

export function readGraphqlRequest(input: GraphqlHttpInput): ReadResult {
  if (input.method === 'GET' || input.method === 'HEAD') return fromParams(input.query);
  if (input.method !== 'POST') {
    return refuse(405, `GraphQL takes GET and POST requests, not ${input.method}.`, { allow: 'GET, POST' });
  }
  const type = input.headers['content-type'] ?? '';
  if (GRAPHQL_TYPE.test(type)) {
    const text = typeof input.body === 'string' ? input.body : Buffer.isBuffer(input.body) ? input.body.toString('utf8') : undefined;
    if (text === undefined || text.trim() === '') return refuse(400, 'The application/graphql body is empty; send the query text.');
    return { ok: true, request: { query: text, viaGet: false } };
  }
  if (!JSON_TYPE.test(type)) {
    return refuse(415, `Send the request as application/json (or application/graphql), not ${type === '' ? 'without a Content-Type' : type}.`);
  }
  const body = input.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return refuse(400, 'The JSON body must be an object: {"query": "...", "variables": {...}, "operationName": "..."}.');
  }
  return fromFields(body as Record<string, unknown>, false);
}

function fromParams(params: Record<string, string | string[] | undefined>): ReadResult {
  const fields: Record<string, unknown> = {};
  for (const key of ['query', 'operationName', 'variables', 'extensions']) {
    const raw = params[key];
    if (raw === undefined) continue;
    if (Array.isArray(raw)) return refuse(400, `The query parameter ${key} is given ${raw.length} times; give it once.`);
    if (key === 'variables' || key === 'extensions') {
      if (raw === '') continue;
      try {
        fields[key] = JSON.parse(raw);
      } catch {
        return refuse(400, `The query parameter ${key} is not valid JSON.`);
      }
    } else {
      fields[key] = raw;
    }
  }
  return fromFields(fields, true);
}

function fromFields(fields: Record<string, unknown>, viaGet: boolean): ReadResult {
  const { query, operationName, variables, extensions } = fields;
  if (query !== undefined && query !== null && typeof query !== 'string') return refuse(400, 'query must be a string.');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return refuse(400, 'operationName must be a string.');
  }
  if (variables !== undefined && variables !== null && !isObject(variables)) return refuse(400, 'variables must be an object.');
  if (extensions !== undefined && extensions !== null && !isObject(extensions)) return refuse(400, 'extensions must be an object.');
  return {
    ok: true,
    request: {
      query: (query as string | null) ?? undefined,
      operationName: (operationName as string | null) || undefined,
      variables: (variables as Record<string, unknown> | null) ?? undefined,
      extensions: (extensions as Record<string, unknown> | null) ?? undefined,
      viaGet,
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function refuse(status: number, message: string, headers?: Record<string, string>): ReadResult {
  return { ok: false, refusal: { status, message, headers } };
}
