/**
 * The list query of a CRUD collection: `?field=value` filters, `q` full-text search, `_sort`/`_order`, and
 * `_page`/`_limit` pagination with the RFC 8288 Link header. Pure: items in, the page and its headers out.
 */

type Item = Record<string, unknown>;
type Query = Record<string, string | string[]>;

export interface ListPage {
  items: Item[];
  /** Items that passed the filters, before pagination (X-Total-Count). */
  total: number;
  /** The Link header, when the request asked for a page. */
  link?: string;
}

const RESERVED = new Set(['q', '_sort', '_order', '_page', '_limit']);

/** A dotted field path (`address.city`) read from an item. */
function fieldOf(item: unknown, path: string): unknown {
  let value: unknown = item;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = (value as Item)[part];
  }
  return value;
}

function asText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** True when some string inside `value` (at any depth) contains `needle` (lower-cased). */
function contains(value: unknown, needle: string): boolean {
  if (typeof value === 'string') return value.toLowerCase().includes(needle);
  if (value === null || typeof value !== 'object') return false;
  for (const v of Array.isArray(value) ? value : Object.values(value)) if (contains(v, needle)) return true;
  return false;
}

/** Numbers before strings before the rest; missing values last whatever the order. */
function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const rank = (v: unknown) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function positive(text: string | undefined, name: string): number | string | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? n : `${name} must be a whole number from 1 up, not ${JSON.stringify(text)}`;
}

function first(query: Query, key: string): string | undefined {
  const v = query[key];
  return Array.isArray(v) ? v[0] : v;
}

/** The link to page `page`, keeping every other query key as it came. */
function pageLink(path: string, query: Query, page: number, limit: number, rel: string): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(query)) {
    if (key === '_page' || key === '_limit') continue;
    for (const v of list(query[key])) params.append(key, v);
  }
  params.set('_page', String(page));
  params.set('_limit', String(limit));
  return `<${path}?${params.toString()}>; rel="${rel}"`;
}

/** Runs the list query, or returns what is wrong with it (a 400). `path` is the collection's request path. */
export function queryList(all: readonly Item[], query: Query, path: string): ListPage | string {
  let items = all.slice();
  for (const key of Object.keys(query)) {
    if (RESERVED.has(key)) continue;
    const wanted = list(query[key]);
    items = items.filter((item) => {
      const text = asText(fieldOf(item, key));
      return text !== undefined && wanted.includes(text);
    });
  }
  const q = first(query, 'q');
  if (q !== undefined && q !== '') {
    const needle = q.toLowerCase();
    items = items.filter((item) => contains(item, needle));
  }
  const sort = first(query, '_sort');
  if (sort !== undefined && sort !== '') {
    const fields = sort.split(',');
    const orders = (first(query, '_order') ?? 'asc').split(',').map((o) => o.toLowerCase());
    const bad = orders.find((o) => o !== 'asc' && o !== 'desc');
    if (bad !== undefined) return `_order must be asc or desc, not ${JSON.stringify(bad)}`;
    items.sort((a, b) => {
      for (let i = 0; i < fields.length; i++) {
        const va = fieldOf(a, fields[i]);
        const vb = fieldOf(b, fields[i]);
        const c = compare(va, vb);
        if (c !== 0) return va === undefined || vb === undefined || (orders[i] ?? orders[0]) === 'asc' ? c : -c;
      }
      return 0;
    });
  }
  const total = items.length;
  const page = positive(first(query, '_page'), '_page');
  const limit = positive(first(query, '_limit'), '_limit');
  if (typeof page === 'string') return page;
  if (typeof limit === 'string') return limit;
  if (page === undefined && limit === undefined) return { items, total };
  const size = limit ?? 10;
  const at = page ?? 1;
  const last = Math.max(1, Math.ceil(total / size));
  const links = [pageLink(path, query, 1, size, 'first')];
  if (at > 1) links.push(pageLink(path, query, Math.min(at - 1, last), size, 'prev'));
  if (at < last) links.push(pageLink(path, query, at + 1, size, 'next'));
  links.push(pageLink(path, query, last, size, 'last'));
  return { items: items.slice((at - 1) * size, at * size), total, link: links.join(', ') };
}
