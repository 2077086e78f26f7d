/** Open WebSocket connections or SSE streams, by id and by endpoint, for pushes, `GET /__ws` and shutdown. */

export interface Live {
  readonly id: string;
  readonly endpoint: string;
  /** The `X-Mockdock-Session` of the request that opened it; null without one. */
  readonly session: string | null;
}

export interface Narrowing {
  session?: string;
  connection?: string;
}

export class LiveRegistry<T extends Live> {
  private readonly byId = new Map<string, T>();
  private readonly byEndpoint = new Map<string, Set<T>>();
  private counter = 0;

  /** A new id, unique for this process: short, ordered, readable in logs. */
  nextId(prefix: string): string {
    return `${prefix}${(++this.counter).toString(36)}`;
  }

  add(item: T): void {
    this.byId.set(item.id, item);
    let set = this.byEndpoint.get(item.endpoint);
    if (!set) this.byEndpoint.set(item.endpoint, (set = new Set()));
    set.add(item);
  }

  remove(item: T): void {
    if (this.byId.get(item.id) !== item) return;
    this.byId.delete(item.id);
    const set = this.byEndpoint.get(item.endpoint);
    set?.delete(item);
    if (set?.size === 0) this.byEndpoint.delete(item.endpoint);
  }

  get size(): number {
    return this.byId.size;
  }

  countOf(endpoint: string): number {
    return this.byEndpoint.get(endpoint)?.size ?? 0;
  }

  all(): T[] {
    return [...this.byId.values()];
  }

  /** The open items of one endpoint, narrowed to one session or one id. */
  select(endpoint: string, narrow: Narrowing = {}): T[] {
    const set = this.byEndpoint.get(endpoint);
    if (!set) return [];
    const out: T[] = [];
    for (const item of set) {
      if (narrow.connection !== undefined && item.id !== narrow.connection) continue;
      if (narrow.session !== undefined && item.session !== narrow.session) continue;
      out.push(item);
    }
    return out;
  }
}
