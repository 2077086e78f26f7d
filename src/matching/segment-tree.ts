/** The route index: a tree of path segments whose leaves hold candidates pre-sorted by rank, per method. */
import type { MockRequest } from '../model/request';
import { conditionsHold } from './conditions';
import type { CompiledEndpoint } from './compile-endpoints';
import { splitPath } from './split-path';
import type { ScenarioStates } from './types';

/** Candidates of one path shape. Lists are sorted by rank, so the first that passes wins. */
interface Bucket<T> {
  /** Per method: that method's endpoints and the ANY endpoints, merged. */
  byMethod: Map<string, CompiledEndpoint<T>[]>;
  /** For methods no endpoint here names. */
  any: CompiledEndpoint<T>[];
  /** GET endpoints alone: the second try for a HEAD request (ANY was in the first). */
  getOnly: CompiledEndpoint<T>[];
}

interface Node<T> {
  statics: Map<string, Node<T>> | null;
  /** One child for every `:name` at this depth; names are bound later from the winner's pattern. */
  param: Node<T> | null;
  /** Endpoints whose pattern ends here. */
  end: Bucket<T> | null;
  /** Endpoints whose pattern ends here with `*`: they take any rest, including none. */
  rest: Bucket<T> | null;
}

/**
 * A path in the exact map: the one unconditional endpoint that is all its bucket holds, and its method,
 * held right here (each object followed is one more likely cache miss at 10,000 endpoints).
 */
interface Exact<T> {
  method: string;
  endpoint: T;
}

const EMPTY: never[] = [];

export class SegmentTree<T> {
  private readonly root: Node<T> = newNode();
  /** Scratch reused by every lookup (matching is synchronous), to avoid allocating per request. */
  private readonly found: Bucket<T>[] = [];
  private readonly lists: CompiledEndpoint<T>[][] = [];
  private readonly cursors: number[] = [];
  /**
   * Paths spelled out in full by a static endpoint that is alone there: the tree would find that one
   * bucket and no other (no `:param` or `*` sibling also fits), holding that one endpoint of one method,
   * with no conditions. A request for such a path, written exactly so, is answered with one map lookup:
   * no split, no walk. Any other path takes the walk.
   */
  private readonly exact = new Map<string, Exact<T>>();

  /** `entries` must be sorted by rank (compileEndpoints does so). */
  constructor(entries: readonly CompiledEndpoint<T>[]) {
    const raw = new Map<Bucket<T>, Map<string, CompiledEndpoint<T>[]>>();
    for (const entry of entries) {
      let node = this.root;
      let bucketOwner: 'end' | 'rest' = 'end';
      for (const seg of entry.pattern.segments) {
        if (seg.kind === 'wildcard') {
          bucketOwner = 'rest';
          break;
        }
        if (seg.kind === 'param') {
          node = node.param ??= newNode();
        } else {
          node.statics ??= new Map();
          let child = node.statics.get(seg.value);
          if (child === undefined) node.statics.set(seg.value, (child = newNode()));
          node = child;
        }
      }
      const bucket = (node[bucketOwner] ??= { byMethod: new Map(), any: EMPTY, getOnly: EMPTY });
      let perMethod = raw.get(bucket);
      if (perMethod === undefined) raw.set(bucket, (perMethod = new Map()));
      const list = perMethod.get(entry.method);
      if (list === undefined) perMethod.set(entry.method, [entry]);
      else list.push(entry);
    }
    for (const [bucket, perMethod] of raw) finishBucket(bucket, perMethod);
    for (const entry of entries) this.addExact(entry);
  }

  private addExact(entry: CompiledEndpoint<T>): void {
    const segs: string[] = [];
    for (const seg of entry.pattern.segments) {
      if (seg.kind !== 'static') return;
      segs.push(seg.value);
    }
    const path = `/${segs.join('/')}`;
    if (this.exact.has(path)) return;
    // only where the path, split the way requests are, gives back these very segments
    const again = splitPath(path);
    if (again.length !== segs.length || again.some((s, i) => s !== segs[i])) return;
    const found: Bucket<T>[] = [];
    collect(this.root, segs, 0, found);
    if (found.length !== 1 || found[0].byMethod.size !== 1) return;
    const [[method, list]] = found[0].byMethod;
    if (list.length === 1 && list[0].conditions === null) this.exact.set(path, { method, endpoint: list[0].endpoint });
  }

  /** The winning endpoint for a path in the exact map (null if none takes the request); undefined: not there, use find(). */
  findExact(path: string, req: MockRequest): T | null | undefined {
    const route = this.exact.get(path);
    if (route === undefined) return undefined;
    // as in find(): HEAD falls back to the GET endpoint
    return req.method === route.method || (req.method === 'HEAD' && route.method === 'GET') ? route.endpoint : null;
  }

  /** The winning entry for this request, or null. `segs` comes from splitPath(req.path). */
  find(segs: readonly string[], req: MockRequest, states?: ScenarioStates): CompiledEndpoint<T> | null {
    const found = this.found;
    found.length = 0;
    collect(this.root, segs, 0, found);
    if (found.length === 0) return null;
    const lists = this.lists;
    lists.length = 0;
    for (const bucket of found) {
      const list = bucket.byMethod.get(req.method) ?? bucket.any;
      if (list.length > 0) lists.push(list);
    }
    const hit = this.pick(req, states);
    if (hit !== null || req.method !== 'HEAD') return hit;
    lists.length = 0;
    for (const bucket of found) if (bucket.getOnly.length > 0) lists.push(bucket.getOnly);
    return this.pick(req, states);
  }

  /** Best-ranked candidate across the lists whose conditions hold (a k-way merge by rank). */
  private pick(req: MockRequest, states: ScenarioStates | undefined): CompiledEndpoint<T> | null {
    const lists = this.lists;
    if (lists.length === 1) return firstPassing(lists[0], req, states);
    if (lists.length === 0) return null;
    const cursors = this.cursors;
    cursors.length = lists.length;
    cursors.fill(0);
    for (;;) {
      let bestList = -1;
      let bestRank = Infinity;
      for (let j = 0; j < lists.length; j++) {
        const c = cursors[j];
        if (c < lists[j].length && lists[j][c].rank < bestRank) {
          bestRank = lists[j][c].rank;
          bestList = j;
        }
      }
      if (bestList < 0) return null;
      const entry = lists[bestList][cursors[bestList]++];
      if (entry.conditions === null || conditionsHold(entry.conditions, req, states)) return entry;
    }
  }
}

function newNode<T>(): Node<T> {
  return { statics: null, param: null, end: null, rest: null };
}

function byRank<T>(a: CompiledEndpoint<T>, b: CompiledEndpoint<T>): number {
  return a.rank - b.rank;
}

function finishBucket<T>(bucket: Bucket<T>, perMethod: Map<string, CompiledEndpoint<T>[]>): void {
  const any = perMethod.get('ANY') ?? [];
  bucket.any = any;
  bucket.getOnly = perMethod.get('GET') ?? EMPTY;
  for (const [method, list] of perMethod) {
    if (method !== 'ANY') bucket.byMethod.set(method, any.length > 0 ? list.concat(any).sort(byRank) : list);
  }
}

/** Every bucket whose path shape fits the segments; cost follows the path's depth, not the endpoint count. */
function collect<T>(node: Node<T>, segs: readonly string[], i: number, out: Bucket<T>[]): void {
  if (node.rest !== null) out.push(node.rest);
  if (i === segs.length) {
    if (node.end !== null) out.push(node.end);
    return;
  }
  const seg = segs[i];
  if (node.statics !== null) {
    const child = node.statics.get(seg);
    if (child !== undefined) collect(child, segs, i + 1, out);
  }
  if (node.param !== null && seg !== '') collect(node.param, segs, i + 1, out);
}

function firstPassing<T>(list: readonly CompiledEndpoint<T>[], req: MockRequest, states: ScenarioStates | undefined): CompiledEndpoint<T> | null {
  for (let i = 0; i < list.length; i++) {
    const entry = list[i];
    if (entry.conditions === null || conditionsHold(entry.conditions, req, states)) return entry;
  }
  return null;
}
