/**
 * `crud`: one endpoint serves a whole resource. GET lists (filters, search, sort, pages) or reads one item,
 * POST creates, PUT replaces, PATCH merges (RFC 7396), DELETE removes. Items live in the state store, per
 * session, starting from the seed; each has an ETag, and a stale If-Match is refused with 412.
 */
import mergePatch from 'json-merge-patch';
import type { ConfigIssue } from '../model/config-issue';
import type { Exchange, ResponderDefinition, Responder } from '../model/pipeline';
import type { ResponsePlan } from '../model/response-plan';
import type { MaybePromise, ScopedState } from '../model/state';
import { ErrorCodes } from '../errors/codes';
import { issueAt } from '../behaviours/issue';
import { CRUD_BODY_VALIDATOR, type RequestValidator } from '../behaviours/validate-request';
import { bodyTag, isNotModified, notModifiedPlan } from '../behaviours/http-cache';
import { uuidFrom } from '../response/template-helpers';
import { JSON_TYPE, jsonAnswer } from '../util/json-answer';
import { withContentLength } from '../util/content-length';
import { then } from '../util/maybe';
import { isJsonType } from '../util/media-type';
import { isObject } from '../util/is-object';
import { compileSeed, idKey, makeRecord, recordAnswer, type Item, type ItemRecord, type Seed } from './crud-records';
import { queryList } from './crud-query';

/** The path parameter of the collection's item route: `:id`, unless the collection's own path uses that name. */
function idParamFor(path: string): string {
  return /(^|\/):id(\/|$)/.test(path) ? 'mockdock_crud_id' : 'id';
}
const ITEMS = 'crud:items';
const GENERATION = 'crud:generation';
const NEXT_ID = 'crud:next-id';
/** Keys that give an endpoint its answer: a collection answers by itself. */
const OTHER_ANSWERS = ['response', 'body_file', 'sequence', 'proxy'] as const;

/** What the admin API reads of a collection. */
export interface Collection {
  items(state: ScopedState): MaybePromise<Item[]>;
}

export interface CrudResponder extends Responder {
  readonly collection: Collection;
}

export function isCrudResponder(r: Responder): r is CrudResponder {
  return (r as Partial<CrudResponder>).collection !== undefined;
}

/** Each load seeds afresh: a session whose data was seeded by an earlier load starts over from this seed. */
let loads = 0;

function error(x: Exchange, status: number, message: string, extra?: Record<string, string>): ResponsePlan {
  return { endpoint: x.endpoint, ...jsonAnswer(status, { error: message }, extra), delayMs: 0 };
}

/** An item's answer; its headers are shared between requests (the pipeline copies before it adds any). */
function itemAnswer(x: Exchange, status: number, record: ItemRecord, extra?: Record<string, string>): ResponsePlan {
  const answer = recordAnswer(record, JSON_TYPE);
  const headers = extra === undefined ? answer.headers : { ...answer.headers, ...extra };
  const plan = { endpoint: x.endpoint, status, headers, body: answer.body, delayMs: 0 };
  return isNotModified(x.req, record.tag, record.modified) ? notModifiedPlan(plan, headers) : plan;
}

/** The JSON object a write carries, or the 400/415 that refuses it. */
function writeBody(x: Exchange): { item: Item } | { refused: ResponsePlan } {
  const type = x.req.headers['content-type'];
  if (type !== undefined && !isJsonType(type)) return { refused: error(x, 415, `send the item as JSON (Content-Type: application/json), not ${type}`) };
  const body = x.req.body;
  if (body === undefined) return { refused: error(x, 400, 'the request needs a JSON object body') };
  if (!isObject(body) || Buffer.isBuffer(body)) return { refused: error(x, 400, 'the body must be a JSON object') };
  return { item: body as Item };
}

/** The If-Match list of a request; undefined when it has none. */
function ifMatch(x: Exchange): string[] | undefined {
  const h = x.req.headers['if-match'];
  return h === undefined ? undefined : h.split(',').map((t) => t.trim().replace(/^W\//, ''));
}

function matches(tags: string[] | undefined, record: ItemRecord): boolean {
  return tags === undefined || tags.includes('*') || tags.includes(record.tag);
}

function build(name: string, path: string, seed: Seed, idField: string, validator: RequestValidator | null, generation: string): CrudResponder {
  const idParam = idParamFor(path);
  /** The plain 200 of each record read so far, one frozen plan shared by every read (records never change). */
  const reads = new WeakMap<ItemRecord, ResponsePlan>();
  const readPlan = (record: ItemRecord): ResponsePlan => {
    let plan = reads.get(record);
    if (plan === undefined) {
      const { headers, body } = recordAnswer(record, JSON_TYPE);
      reads.set(record, (plan = Object.freeze({ endpoint: name, status: 200, headers, body, delayMs: 0, shared: true })));
    }
    return plan;
  };
  /** Seeds this session's copy when it has none from this load yet. */
  const ready = (state: ScopedState): MaybePromise<void> =>
    then(state.get<string>(GENERATION), (found) => {
      if (found === generation) return;
      return then(state.mapReplace(ITEMS, seed.entries), () => then(state.set(NEXT_ID, seed.maxId), () => state.set(GENERATION, generation)));
    });

  const invalid = (x: Exchange, item: Item): ResponsePlan | null => {
    if (validator === null) return null;
    const errors = validator.validate({ ...x.req, body: item, headers: { ...x.req.headers, 'content-type': 'application/json' } });
    return errors.length === 0 ? null : { endpoint: x.endpoint, ...jsonAnswer(validator.status, { errors }), delayMs: 0, invalid: true };
  };

  const location = (x: Exchange, key: string) => `${x.req.path.replace(/\/+$/, '')}/${encodeURIComponent(key)}`;

  const list = (x: Exchange): MaybePromise<ResponsePlan> =>
    then(x.state.mapValues<ItemRecord>(ITEMS), (records) => {
      const page = queryList(records.map((r) => r.item), x.req.query, x.req.path);
      if (typeof page === 'string') return error(x, 400, page);
      const body = Buffer.from(JSON.stringify(page.items));
      const headers: Record<string, string> = { 'content-type': JSON_TYPE, 'x-total-count': String(page.total), etag: bodyTag(body) };
      if (page.link !== undefined) headers.link = page.link;
      const plan = { endpoint: x.endpoint, status: 200, headers: withContentLength(200, headers, body), body, delayMs: 0 };
      return isNotModified(x.req, headers.etag, undefined) ? notModifiedPlan(plan, plan.headers) : plan;
    });

  /** A new id when the item has none: the next integer while ids are integers, else a UUID. */
  const create = (x: Exchange, item: Item): MaybePromise<ResponsePlan> => {
    const refused = invalid(x, item);
    if (refused) return refused;
    const given = item[idField];
    if (given !== undefined) {
      const key = idKey(given);
      if (key === null) return error(x, 400, `"${idField}" must be a string or a whole number`);
      const record = makeRecord(item, x.now);
      return then(x.state.mapPut(ITEMS, key, record, 'absent'), (done) =>
        done === 'written' ? itemAnswer(x, 201, record, { location: location(x, key) }) : error(x, 409, `an item with ${idField} ${JSON.stringify(key)} exists already`),
      );
    }
    const attempt = (tries: number): MaybePromise<ResponsePlan> => {
      const id: MaybePromise<string | number> = seed.integerIds ? x.state.incr(NEXT_ID) : uuidFrom(x.random.template);
      return then(id, (value) => {
        const key = String(value);
        const record = makeRecord({ ...item, [idField]: value }, x.now);
        return then(x.state.mapPut(ITEMS, key, record, 'absent'), (done) =>
          done === 'written' ? itemAnswer(x, 201, record, { location: location(x, key) }) : tries > 0 ? attempt(tries - 1) : error(x, 409, 'no free id was found; send one'),
        );
      });
    };
    return attempt(1000);
  };

  /** PUT and PATCH: the new item from the old one, stored only over the version it was made from. */
  const update = (x: Exchange, key: string, change: (old: Item) => Item): MaybePromise<ResponsePlan> =>
    then(x.state.mapGet<ItemRecord>(ITEMS, key), (old) => {
      if (old === undefined) return error(x, 404, `no item with ${idField} ${JSON.stringify(key)}`);
      if (!matches(ifMatch(x), old)) return error(x, 412, `If-Match does not match the item's current ETag ${old.tag}`, { etag: old.tag });
      const next = change(old.item);
      if (typeof next !== 'object' || next === null || Array.isArray(next)) return error(x, 400, 'the result must be a JSON object');
      next[idField] = old.item[idField];
      const refused = invalid(x, next);
      if (refused) return refused;
      const record = makeRecord(next, x.now);
      return then(x.state.mapPut(ITEMS, key, record, { tag: old.tag }), (done) =>
        done === 'written' ? itemAnswer(x, 200, record) : done === 'missing' ? error(x, 404, `no item with ${idField} ${JSON.stringify(key)}`) : error(x, 412, 'the item changed meanwhile; read it again'),
      );
    });

  const remove = (x: Exchange, key: string): MaybePromise<ResponsePlan> =>
    then(x.state.mapGet<ItemRecord>(ITEMS, key), (old) => {
      if (old === undefined) return error(x, 404, `no item with ${idField} ${JSON.stringify(key)}`);
      if (!matches(ifMatch(x), old)) return error(x, 412, `If-Match does not match the item's current ETag ${old.tag}`, { etag: old.tag });
      return then(x.state.mapDelete(ITEMS, key, { tag: old.tag }), (done) =>
        done === 'written' ? { endpoint: x.endpoint, status: 204, headers: {}, body: Buffer.alloc(0), delayMs: 0 } : error(x, 412, 'the item changed meanwhile; read it again'),
      );
    });

  const onItem = (x: Exchange, key: string): MaybePromise<ResponsePlan> => {
    switch (x.req.method) {
      case 'GET':
      case 'HEAD':
        return then(x.state.mapGet<ItemRecord>(ITEMS, key), (r) => (r === undefined ? error(x, 404, `no item with ${idField} ${JSON.stringify(key)}`) : itemAnswer(x, 200, r)));
      case 'PUT': {
        const body = writeBody(x);
        return 'refused' in body ? body.refused : update(x, key, () => ({ ...body.item }));
      }
      case 'PATCH': {
        const body = writeBody(x);
        return 'refused' in body ? body.refused : update(x, key, (old) => mergePatch.apply(structuredClone(old), body.item) as Item);
      }
      case 'DELETE':
        return remove(x, key);
      default:
        return error(x, 405, `${x.req.method} is not served on an item; use GET, PUT, PATCH or DELETE`, { allow: 'GET, HEAD, PUT, PATCH, DELETE' });
    }
  };

  const onCollection = (x: Exchange): MaybePromise<ResponsePlan> => {
    if (x.req.method === 'GET' || x.req.method === 'HEAD') return list(x);
    if (x.req.method === 'POST') {
      const body = writeBody(x);
      return 'refused' in body ? body.refused : create(x, body.item);
    }
    return error(x, 405, `${x.req.method} is not served on the collection; use GET or POST`, { allow: 'GET, HEAD, POST' });
  };

  return {
    plain: null,
    routes: [
      { method: 'ANY', path },
      { method: 'ANY', path: `${path.replace(/\/+$/, '')}/:${idParam}` },
    ],
    respond(x) {
      const key = x.params[idParam];
      const found = x.state.get<string>(GENERATION);
      // the common case, answered without a closure: an in-memory store, seeded already, a read of one item
      if (found === generation && key !== undefined && x.req.method === 'GET') {
        const record = x.state.mapGet<ItemRecord>(ITEMS, key);
        if (!(record instanceof Promise)) {
          if (record === undefined) return error(x, 404, `no item with ${idField} ${JSON.stringify(key)}`);
          return x.req.headers['if-none-match'] === undefined && x.req.headers['if-modified-since'] === undefined ? readPlan(record) : itemAnswer(x, 200, record);
        }
      }
      return then(ready(x.state), () => (key === undefined ? onCollection(x) : onItem(x, key)));
    },
    collection: {
      items: (state) => then(ready(state), () => then(state.mapValues<ItemRecord>(ITEMS), (records) => records.map((r) => r.item))),
    },
  };
}

export const crudResponder: ResponderDefinition = {
  name: 'crud',
  keys: { crud: { $ref: '#/definitions/crud' } },
  inDefaults: false,
  definitions: {
    crud: {
      title: 'CRUD collection',
      description:
        'One endpoint serves a whole resource: GET path (list: ?field=value filters, q, _sort/_order, _page/_limit with X-Total-Count and Link), GET/PUT/PATCH/DELETE path/:id, POST path. Items start from the seed (again on POST /__reset and on reload), per session.',
      type: 'object',
      additionalProperties: false,
      properties: {
        seed: { description: 'The items the collection starts with (JSON objects, each with its id).', type: 'array', items: { type: 'object' } },
        seed_file: { description: 'A JSON file with the seed list, relative to the config folder (e.g. __files/users.json).', type: 'string', minLength: 1 },
        id: { description: 'The id field of an item (default "id"). New items without one get the next integer, or a UUID when the ids are not integers.', type: 'string', minLength: 1, default: 'id' },
      },
      examples: [{ seed: [{ id: 1, name: 'Ann' }], id: 'id' }],
    },
  },
  claims: (def) => def.crud !== undefined,
  compile(ctx) {
    const { def, locate } = ctx;
    const issues: ConfigIssue[] = [];
    const record = def as unknown as Record<string, unknown>;
    for (const key of OTHER_ANSWERS) {
      if (record[key] !== undefined) issues.push(issueAt(locate, `/${key}`, 'cannot be combined with crud: a collection makes its own answers; remove one of them', ErrorCodes.CONFIG_CRUD));
    }
    if (/[*:]/.test(def.path.split('/').pop() ?? '')) issues.push(issueAt(locate, '/path', 'of a crud collection must end in a plain segment (e.g. /api/users): item routes are path/:id', ErrorCodes.CONFIG_CRUD));
    if (def.crud?.seed !== undefined && def.crud.seed_file !== undefined) issues.push(issueAt(locate, '/crud/seed_file', 'cannot be given together with crud.seed: choose one', ErrorCodes.CONFIG_CRUD));
    const idField = def.crud?.id ?? 'id';
    const seeded = compileSeed(ctx.loaded, idField, ctx.now);
    if (!seeded.ok) issues.push(...seeded.issues);
    if (issues.length > 0 || !seeded.ok) return { ok: false, issues };
    const validator = (ctx.shared.get(CRUD_BODY_VALIDATOR) as RequestValidator | null | undefined) ?? null;
    return { ok: true, value: build(def.name, def.path, seeded.seed, idField, validator, `${ctx.now.toString(36)}.${++loads}`) };
  },
};
