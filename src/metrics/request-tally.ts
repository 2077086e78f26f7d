/**
 * Per-request metric updates as plain numbers, found through the endpoint name (a string whose hash V8
 * keeps). prom-client re-hashes the label set on every call, which with 10,000 endpoints cost about 3 µs a
 * request; here it costs a map lookup and a few additions, and prom-client reads the totals only when
 * /metrics is scraped (see metrics.ts).
 */

/** Upper bounds, in seconds, of mockdock_request_duration_seconds. */
export const DURATION_BUCKETS: readonly number[] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface RequestRow {
  readonly method: string;
  readonly status: number | string;
  count: number;
}

export interface DurationRow {
  readonly method: string;
  /** Observations per bucket (not cumulative); the last slot holds those above the top bound. A plain array: it sits on the JS heap beside its row. */
  readonly buckets: number[];
  sum: number;
  count: number;
}

export interface EndpointTally {
  readonly requests: RequestRow[];
  readonly durations: DurationRow[];
  readonly failures: Map<string, number>;
  rateLimited: number;
}

function bucketOf(seconds: number): number {
  let b = 0;
  while (b < DURATION_BUCKETS.length && seconds > DURATION_BUCKETS[b]) b++;
  return b;
}

export class RequestTally {
  /** By endpoint name; '' (NO_ENDPOINT) holds requests that matched nothing. Kept across reloads. */
  readonly byEndpoint = new Map<string, EndpointTally>();
  readonly unmatchedByMethod = new Map<string, number>();

  request(method: string, endpoint: string, status: number | string, seconds: number): void {
    const t = this.endpoint(endpoint);
    let row: RequestRow | undefined;
    for (const r of t.requests) {
      if (r.method === method && r.status === status) {
        row = r;
        break;
      }
    }
    if (row === undefined) t.requests.push((row = { method, status, count: 0 }));
    row.count++;
    let d: DurationRow | undefined;
    for (const r of t.durations) {
      if (r.method === method) {
        d = r;
        break;
      }
    }
    if (d === undefined) t.durations.push((d = { method, buckets: new Array<number>(DURATION_BUCKETS.length + 1).fill(0), sum: 0, count: 0 }));
    d.buckets[bucketOf(seconds)]++;
    d.sum += seconds;
    d.count++;
  }

  unmatched(method: string): void {
    this.unmatchedByMethod.set(method, (this.unmatchedByMethod.get(method) ?? 0) + 1);
  }

  failure(endpoint: string, kind: string): void {
    const failures = this.endpoint(endpoint).failures;
    failures.set(kind, (failures.get(kind) ?? 0) + 1);
  }

  rateLimited(endpoint: string): void {
    this.endpoint(endpoint).rateLimited++;
  }

  private endpoint(name: string): EndpointTally {
    let t = this.byEndpoint.get(name);
    if (t === undefined) {
      t = { requests: [], durations: [], failures: new Map(), rateLimited: 0 };
      this.byEndpoint.set(name, t);
    }
    return t;
  }
}
