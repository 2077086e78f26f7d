/**
 * HTTP caching (`cache`): a strong ETag from the body, Last-Modified and Cache-Control on the answer, and 304
 * for a GET or HEAD whose If-None-Match or If-Modified-Since shows the client's copy is current.
 */
import etag from 'etag';
import fresh from 'fresh';
import type { CacheSpec } from '../model/endpoint';
import type { MockRequest } from '../model/request';
import type { ResponsePlan } from '../model/response-plan';
import type { BehaviourDefinition } from '../model/pipeline';

/** ETags of bodies already hashed: a static answer's body is one Buffer shared by every request. */
const tags = new WeakMap<Buffer, string>();

/** A strong ETag computed from the bytes (length and SHA-1). */
export function bodyTag(body: Buffer): string {
  let tag = tags.get(body);
  if (tag === undefined) tags.set(body, (tag = etag(body)));
  return tag;
}

/** The value of a header whatever the case its name was written in. */
export function headerOf(headers: Record<string, string>, lower: string): string | undefined {
  if (headers[lower] !== undefined) return headers[lower];
  for (const name of Object.keys(headers)) if (name.toLowerCase() === lower) return headers[name];
  return undefined;
}

/** True when a GET or HEAD with these validators may be answered 304 (If-None-Match wins over If-Modified-Since). */
export function isNotModified(req: MockRequest, tag: string | undefined, lastModified: string | undefined): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const h = req.headers;
  if (h['if-none-match'] === undefined && h['if-modified-since'] === undefined) return false;
  const validators: Record<string, string> = {};
  if (tag !== undefined) validators.etag = tag;
  if (lastModified !== undefined) validators['last-modified'] = lastModified;
  return fresh(h, validators);
}

/** The 304 for a plan: no body, no framing headers; the validators and Cache-Control stay. */
export function notModifiedPlan(plan: ResponsePlan, headers: Record<string, string>): ResponsePlan {
  const kept: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (lower !== 'content-length' && lower !== 'content-type' && lower !== 'transfer-encoding') kept[name] = headers[name];
  }
  return { ...plan, status: 304, headers: kept, body: Buffer.alloc(0), shared: false };
}

/** The Cache-Control value of a `cache` spec. */
export function cacheControl(spec: CacheSpec): string {
  const scope = spec.private ? 'private' : 'public';
  return spec.max_age_s === undefined ? `${scope}, no-cache` : `${scope}, max-age=${Math.floor(spec.max_age_s)}`;
}

export const cacheBehaviour: BehaviourDefinition = {
  name: 'cache',
  keys: { cache: { $ref: '#/definitions/cache' } },
  definitions: {
    cache: {
      title: 'HTTP caching',
      description:
        'true, or {etag?, last_modified?, max_age_s?, private?}: answers carry a strong ETag from the body, Last-Modified (when the endpoint was loaded) and Cache-Control (max-age, or no-cache without max_age_s); a GET or HEAD with a matching If-None-Match, or an If-Modified-Since not older than Last-Modified, gets 304 with no body.',
      anyOf: [
        { type: 'boolean' },
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            etag: { description: 'Send a strong ETag computed from the body (default true).', type: 'boolean' },
            last_modified: { description: 'Send Last-Modified: when the endpoint was loaded, or a CRUD item last changed (default true).', type: 'boolean' },
            max_age_s: { description: 'Cache-Control max-age in seconds; without it, no-cache (store, but revalidate every time).', type: 'integer', minimum: 0 },
            private: { description: 'Cache-Control private instead of public.', type: 'boolean' },
          },
        },
      ],
      examples: [true, { max_age_s: 60 }],
    },
  },
  compile(ctx) {
    const raw = ctx.def.cache;
    if (raw === undefined || raw === false) return { ok: true, value: null };
    const spec: CacheSpec = raw === true ? {} : raw;
    const withTag = spec.etag !== false;
    const loaded = spec.last_modified !== false ? new Date(ctx.now).toUTCString() : undefined;
    const control = cacheControl(spec);

    const decorate = (req: MockRequest) => (plan: ResponsePlan): ResponsePlan => {
      if (plan.status !== 200 || !Buffer.isBuffer(plan.body)) return plan;
      const headers = { ...plan.headers };
      let tag = headerOf(headers, 'etag');
      if (tag === undefined && withTag) headers.etag = tag = bodyTag(plan.body);
      let modified = headerOf(headers, 'last-modified');
      if (modified === undefined && loaded !== undefined) headers['last-modified'] = modified = loaded;
      if (headerOf(headers, 'cache-control') === undefined) headers['cache-control'] = control;
      if (isNotModified(req, tag, modified)) return notModifiedPlan(plan, headers);
      return { ...plan, headers };
    };
    return {
      ok: true,
      value: {
        name: 'cache',
        run(x) {
          (x.decorate ??= []).push(decorate(x.req));
        },
      },
    };
  },
};
