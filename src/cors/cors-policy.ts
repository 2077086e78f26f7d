/** The `cors` setting compiled once per load into two small functions: the preflight answer and the headers of an answer. */

/** `cors` in mockdock.yaml as validated by its schema (`true` means every origin with the defaults). */
export type CorsSetting =
  | boolean
  | {
      origins?: '*' | string[];
      methods?: string[];
      headers?: string[];
      expose_headers?: string[];
      credentials?: boolean;
      max_age_s?: number;
      admin?: boolean;
    };

export const DEFAULT_METHODS = 'GET, HEAD, PUT, PATCH, POST, DELETE';
export const DEFAULT_MAX_AGE_S = 60;

/** What a request's `Origin` header earns: nothing (null) or these headers. */
export interface CorsPolicy {
  /** Whether the built-in routes (/__*) carry the headers too. */
  readonly admin: boolean;
  /** Headers for an answer to a request from `origin` (undefined: no Origin header); null when it gets none. */
  answerHeaders(origin: string | undefined, answer: Readonly<Record<string, string>>): Record<string, string> | null;
  /** Headers of a preflight answer; null when the origin is not allowed. */
  preflightHeaders(origin: string, requestedHeaders: string | undefined): Record<string, string> | null;
}

/** A preflight's answer: 204 with the CORS headers, or 403 with a JSON error when the origin is not allowed. */
export type PreflightAnswer = { status: 204; headers: Record<string, string> } | { status: 403; headers: Record<string, string>; error: string };

export function preflightAnswer(policy: CorsPolicy, origin: string, requestedHeaders: string | undefined): PreflightAnswer {
  const headers = policy.preflightHeaders(origin, requestedHeaders);
  if (headers === null) return { status: 403, headers: { vary: 'Origin' }, error: `CORS: origin ${origin} is not in cors.origins` };
  return { status: 204, headers };
}

/** Header names every answer carries that a browser shows to scripts anyway (CORS-safelisted), or that CORS itself sets. */
const NOT_EXPOSED = /^(cache-control|content-language|content-type|expires|last-modified|pragma|content-length|access-control-.*|vary)$/i;

/** Answer header names worth exposing when `expose_headers` is not set: all of the answer's own. */
function exposedOf(answer: Readonly<Record<string, string>>): string | null {
  let list = '';
  for (const name of Object.keys(answer)) {
    if (NOT_EXPOSED.test(name)) continue;
    list = list === '' ? name : `${list}, ${name}`;
  }
  return list === '' ? null : list;
}

function addVary(headers: Record<string, string>, answer: Readonly<Record<string, string>>, value: string): void {
  const had = answer.vary ?? answer.Vary;
  headers.vary = had === undefined || had === '' ? value : had === '*' ? '*' : `${had}, ${value}`;
}

/** Null when the setting is absent or false: CORS is then off and costs nothing. */
export function compileCors(setting: CorsSetting | undefined): CorsPolicy | null {
  if (setting === undefined || setting === false) return null;
  const opts = setting === true ? {} : setting;
  const credentials = opts.credentials === true;
  const anyOrigin = opts.origins === undefined || opts.origins === '*';
  const allowed = new Set(Array.isArray(opts.origins) ? opts.origins.map((o) => o.replace(/\/+$/, '')) : []);
  // `*` only when every origin is allowed and no credentials are involved; otherwise the origin is echoed
  const wildcard = anyOrigin && !credentials;
  const expose = opts.expose_headers && opts.expose_headers.length > 0 ? opts.expose_headers.join(', ') : null;
  const methods = opts.methods && opts.methods.length > 0 ? opts.methods.map((m) => m.toUpperCase()).join(', ') : DEFAULT_METHODS;
  const allowHeaders = opts.headers && opts.headers.length > 0 ? opts.headers.join(', ') : null;
  const maxAge = String(opts.max_age_s ?? DEFAULT_MAX_AGE_S);
  const isAllowed = (origin: string): boolean => anyOrigin || allowed.has(origin);

  return {
    admin: opts.admin === true,
    answerHeaders(origin, answer) {
      if (origin === undefined) return null;
      const headers: Record<string, string> = {};
      if (wildcard) headers['access-control-allow-origin'] = '*';
      else {
        addVary(headers, answer, 'Origin');
        if (!isAllowed(origin)) return headers;
        headers['access-control-allow-origin'] = origin;
      }
      if (credentials) headers['access-control-allow-credentials'] = 'true';
      const exposed = expose ?? exposedOf(answer);
      if (exposed !== null) headers['access-control-expose-headers'] = exposed;
      return headers;
    },
    preflightHeaders(origin, requested) {
      if (!isAllowed(origin)) return null;
      const headers: Record<string, string> = {
        'access-control-allow-origin': wildcard ? '*' : origin,
        'access-control-allow-methods': methods,
        'access-control-max-age': maxAge,
      };
      const vary: string[] = wildcard ? [] : ['Origin'];
      if (allowHeaders !== null) headers['access-control-allow-headers'] = allowHeaders;
      else if (requested !== undefined && requested !== '') {
        headers['access-control-allow-headers'] = requested;
        vary.push('Access-Control-Request-Headers');
      }
      if (credentials) headers['access-control-allow-credentials'] = 'true';
      if (vary.length > 0) headers.vary = vary.join(', ');
      return headers;
    },
  };
}
