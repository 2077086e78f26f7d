/**
 * Per-request metric updates as plain numbers, found through the endpoint name (a string whose hash V8
 * keeps). prom-client re-hashes the label set on every call, which with 10,000 endpoints cost about 3 µs a
 * request; here it costs a map lookup and a few additions, and prom-client reads the totals only when
 * /metrics is scraped (see metrics.ts).
 *
 * With thousands of endpoints hit at random, each pointer followed is a likely cache miss, so the usual
 * case (one method, one status per endpoint) is kept in the endpoint's own record, and every duration
 * histogram's bucket counts sit side by side in one shared array.
 */

/** Upper bounds, in seconds, of mockdock_request_duration_seconds. */
export const DURATION_BUCKETS: readonly number[] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Slots per histogram: one per bound, and one for observations above the top bound. */
const SLOTS = DURATION_BUCKETS.length + 1;

export interface RequestRow {
  readonly endpoint: string;
  readonly method: string;
  readonly status: number | string;
  count: number;
}

export interface DurationRow {
  readonly endpoint: string;
  readonly method: string;
  /** Where this row's bucket counts start in the shared array. */
  readonly at: number;
  sum: number;
  count: number;
}

interface EndpointTally {
  /** The first (method, status) seen, and the first method's durations: almost always the only ones. */
  readonly request: RequestRow;
  readonly duration: DurationRow;
  /** Any further ones. */
  moreRequests: RequestRow[] | null;
  moreDurations: DurationRow[] | null;
  failures: Map<string, number> | null;
  rateLimited: number;
}

function bucketOf(seconds: number): number {
  let b = 0;
  while (b < DURATION_BUCKETS.length && seconds > DURATION_BUCKETS[b]) b++;
  return b;
}

export class RequestTally {
  /** By endpoint name; '' (NO_ENDPOINT) holds requests that matched nothing. Kept across reloads. */
  private readonly byEndpoint = new Map<string, EndpointTally>();
  private readonly unmatchedByMethod = new Map<string, number>();
  /** The same records, by a shared answer plan: found without reading the name string (one cache miss less). */
  private readonly byPlan = new WeakMap<object, EndpointTally>();
  private counts = new Float64Array(SLOTS * 256);
  private used = 0;

  /** `plan`: an object that stands for this endpoint for as long as it lives (a shared answer plan), if any. */
  request(method: string, endpoint: string, status: number | string, seconds: number, plan?: object): void {
    let t = plan === undefined ? undefined : this.byPlan.get(plan);
    if (t === undefined) {
      t = this.byEndpoint.get(endpoint) ?? this.create(endpoint, method, status);
      if (plan !== undefined) this.byPlan.set(plan, t);
    }
    const r = t.request.method === method && t.request.status === status ? t.request : this.otherRequest(t, method, status);
    r.count++;
    const d = t.duration.method === method ? t.duration : this.otherDuration(t, method);
    this.counts[d.at + bucketOf(seconds)]++;
    d.sum += seconds;
    d.count++;
  }

  unmatched(method: string): void {
    this.unmatchedByMethod.set(method, (this.unmatchedByMethod.get(method) ?? 0) + 1);
  }

  /** Counted only for endpoints that have answered (request() comes first). */
  failure(endpoint: string, kind: string): void {
    const t = this.byEndpoint.get(endpoint);
    if (!t) return;
    t.failures ??= new Map();
    t.failures.set(kind, (t.failures.get(kind) ?? 0) + 1);
  }

  rateLimited(endpoint: string): void {
    const t = this.byEndpoint.get(endpoint);
    if (t) t.rateLimited++;
  }

  // Readers for the exposition, in first-seen order.

  *requestRows(): Iterable<RequestRow> {
    for (const t of this.byEndpoint.values()) {
      yield t.request;
      if (t.moreRequests) yield* t.moreRequests;
    }
  }

  *durationRows(): Iterable<DurationRow & { buckets: readonly number[] }> {
    for (const t of this.byEndpoint.values()) {
      for (const d of t.moreDurations ? [t.duration, ...t.moreDurations] : [t.duration]) {
        yield { ...d, buckets: Array.from(this.counts.subarray(d.at, d.at + SLOTS)) };
      }
    }
  }

  *failureRows(): Iterable<{ endpoint: string; kind: string; count: number }> {
    for (const [endpoint, t] of this.byEndpoint) if (t.failures) for (const [kind, count] of t.failures) yield { endpoint, kind, count };
  }

  *rateLimitedRows(): Iterable<{ endpoint: string; count: number }> {
    for (const [endpoint, t] of this.byEndpoint) if (t.rateLimited > 0) yield { endpoint, count: t.rateLimited };
  }

  *unmatchedRows(): Iterable<{ method: string; count: number }> {
    for (const [method, count] of this.unmatchedByMethod) yield { method, count };
  }

  private create(endpoint: string, method: string, status: number | string): EndpointTally {
    const t: EndpointTally = {
      request: { endpoint, method, status, count: 0 },
      duration: this.newDuration(endpoint, method),
      moreRequests: null,
      moreDurations: null,
      failures: null,
      rateLimited: 0,
    };
    this.byEndpoint.set(endpoint, t);
    return t;
  }

  private otherRequest(t: EndpointTally, method: string, status: number | string): RequestRow {
    const more = (t.moreRequests ??= []);
    for (const r of more) if (r.method === method && r.status === status) return r;
    const row = { endpoint: t.request.endpoint, method, status, count: 0 };
    more.push(row);
    return row;
  }

  private otherDuration(t: EndpointTally, method: string): DurationRow {
    const more = (t.moreDurations ??= []);
    for (const d of more) if (d.method === method) return d;
    const row = this.newDuration(t.request.endpoint, method);
    more.push(row);
    return row;
  }

  private newDuration(endpoint: string, method: string): DurationRow {
    if (this.used + SLOTS > this.counts.length) {
      const bigger = new Float64Array(this.counts.length * 2);
      bigger.set(this.counts);
      this.counts = bigger;
    }
    const at = this.used;
    this.used += SLOTS;
    return { endpoint, method, at, sum: 0, count: 0 };
  }
}
