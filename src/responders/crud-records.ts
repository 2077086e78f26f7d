/**
 * The items of a CRUD collection as stored: each item with its JSON text, its ETag and when it last changed.
 * Records never change once made (a write stores a new one), so seed records are shared by every session.
 */
import type { LoadedEndpoint, Locate } from '../model/endpoint';
import type { ConfigIssue } from '../model/config-issue';
import type { MapRecord } from '../model/state';
import { ErrorCodes } from '../errors/codes';
import { bodyTag } from '../behaviours/http-cache';
import { issueAt } from '../behaviours/issue';
import { isObject } from '../util/is-object';

export type Item = Record<string, unknown>;

export interface ItemRecord extends MapRecord {
  readonly item: Item;
  /** The item as JSON, as it is sent. */
  readonly json: string;
  /** Last-Modified (an HTTP date). */
  readonly modified: string;
}

/** The store field of an id: integers and strings both as text, so `/users/1` finds id 1. */
export function idKey(id: unknown): string | null {
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number' && Number.isInteger(id)) return String(id);
  return null;
}

export function makeRecord(item: Item, now: number): ItemRecord {
  const json = JSON.stringify(item);
  return { item, json, tag: bodyTag(Buffer.from(json)), modified: new Date(now).toUTCString() };
}

/** A record's 200 answer as sent: its body and headers, made once per record and shared (records never change). */
export interface RecordAnswer {
  body: Buffer;
  headers: Record<string, string>;
}

const answers = new WeakMap<ItemRecord, RecordAnswer>();
export function recordAnswer(record: ItemRecord, contentType: string): RecordAnswer {
  let answer = answers.get(record);
  if (answer === undefined) {
    const body = Buffer.from(record.json);
    const headers = { 'content-type': contentType, etag: record.tag, 'last-modified': record.modified, 'content-length': String(body.length) };
    answers.set(record, (answer = { body, headers }));
  }
  return answer;
}

export interface Seed {
  entries: Array<readonly [string, ItemRecord]>;
  /** True while every id is an integer: new ids are then the next integer, else UUIDs. */
  integerIds: boolean;
  /** The largest integer id of the seed (0 when none). */
  maxId: number;
}


/** The seed list from `crud.seed` or the JSON of `crud.seed_file`, checked item by item. */
export function compileSeed(loaded: LoadedEndpoint, idField: string, now: number): { ok: true; seed: Seed } | { ok: false; issues: ConfigIssue[] } {
  const { def, locate } = loaded;
  const file = loaded.dataFiles?.['/crud/seed_file'];
  let list: unknown = def.crud?.seed ?? [];
  let where = '/crud/seed';
  if (file !== undefined) {
    where = '/crud/seed_file';
    try {
      list = JSON.parse(file.content.toString('utf8'));
    } catch (error) {
      return fail(locate, where, `${JSON.stringify(file.path)} is not JSON: ${(error as Error).message}`);
    }
  }
  if (!Array.isArray(list)) return fail(locate, where, 'must hold a list of items (JSON objects)');
  const issues: ConfigIssue[] = [];
  const entries: Array<readonly [string, ItemRecord]> = [];
  const seen = new Set<string>();
  let integerIds = true;
  let maxId = 0;
  list.forEach((item, i) => {
    const at = file === undefined ? `${where}/${i}` : where;
    const lead = file === undefined ? '' : `item ${i} `;
    if (!isObject(item)) return issues.push(issueAt(locate, at, `${lead}must be a JSON object`, ErrorCodes.CONFIG_CRUD));
    const key = idKey(item[idField]);
    if (key === null) return issues.push(issueAt(locate, at, `${lead}needs "${idField}", a string or a whole number (the collection's id field)`, ErrorCodes.CONFIG_CRUD));
    if (seen.has(key)) return issues.push(issueAt(locate, at, `${lead}repeats id ${JSON.stringify(key)}: ids must be unique`, ErrorCodes.CONFIG_CRUD));
    seen.add(key);
    const id = item[idField];
    if (typeof id === 'number') maxId = Math.max(maxId, id);
    else integerIds = false;
    entries.push([key, makeRecord(item, now)]);
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, seed: { entries, integerIds, maxId } };
}

function fail(locate: Locate, pointer: string, rule: string): { ok: false; issues: ConfigIssue[] } {
  return { ok: false, issues: [issueAt(locate, pointer, rule, ErrorCodes.CONFIG_CRUD)] };
}
