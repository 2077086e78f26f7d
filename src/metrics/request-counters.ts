/** Per-request metric updates through cached label children: prom-client's label hashing runs once per label set, not per request. */
import type { Metrics } from './metrics';

interface RequestChildren {
  requests: { inc(): void };
  duration: { observe(value: number): void };
}

export class RequestCounters {
  private readonly byLabels = new Map<string, RequestChildren>();
  private readonly small = new Map<string, { inc(): void }>();

  constructor(private readonly metrics: Metrics) {}

  request(method: string, endpoint: string, status: number | string, seconds: number): void {
    const key = `${method}\u0000${endpoint}\u0000${status}`;
    let children = this.byLabels.get(key);
    if (!children) {
      children = {
        requests: this.metrics.requests.labels({ method, endpoint, status: String(status) }),
        duration: this.metrics.duration.labels({ method, endpoint }),
      };
      this.byLabels.set(key, children);
    }
    children.requests.inc();
    children.duration.observe(seconds);
  }

  unmatched(method: string): void {
    this.child(`u\u0000${method}`, () => this.metrics.unmatched.labels({ method })).inc();
  }

  failure(endpoint: string, kind: string): void {
    this.child(`f\u0000${endpoint}\u0000${kind}`, () => this.metrics.failures.labels({ endpoint, kind })).inc();
  }

  rateLimited(endpoint: string): void {
    this.child(`r\u0000${endpoint}`, () => this.metrics.rateLimited.labels({ endpoint })).inc();
  }

  private child(key: string, make: () => { inc(): void }): { inc(): void } {
    let c = this.small.get(key);
    if (!c) {
      c = make();
      this.small.set(key, c);
    }
    return c;
  }
}
