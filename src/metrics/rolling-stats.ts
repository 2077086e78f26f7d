/**
 * Rolling 15-minute figures per endpoint for GET /__stats: one ring of per-second buckets per endpoint,
 * allocated once and reused, so memory depends on the number of endpoints (capped), never on traffic.
 */

/** Seconds kept. */
export const WINDOW_S = 900;
/** Upper bounds of the latency slots, in ms: 0.1 ms × √2ⁱ up to about 26 s (a bound every 41%). */
export const LATENCY_BOUNDS_MS: readonly number[] = Array.from({ length: 37 }, (_, i) => 0.1 * 2 ** (i / 2));
const SLOTS = LATENCY_BOUNDS_MS.length + 1;
/** Per second: the latency slots, then answers, errors (5xx, or a fault that sends no status), injected failures. */
const COUNT = SLOTS;
const ERRORS = SLOTS + 1;
const FAILURES = SLOTS + 2;
const ROW = SLOTS + 3;
/** Endpoints with a ring of their own; answers of any further ones are counted under OTHER (one more ring). */
export const MAX_RINGS = 100;
export const OTHER = '(other)';

/** Bytes one endpoint's ring takes: the whole memory cost of an endpoint, whatever its traffic. */
export const RING_BYTES = WINDOW_S * ROW * 4 + WINDOW_S * 8;

interface Ring {
  /** WINDOW_S rows of ROW counters; row `s % WINDOW_S` holds second `s` when stamps says so. */
  readonly cells: Uint32Array;
  readonly stamps: Float64Array;
  /** The newest second counted, for reclaiming rings that saw nothing in the window. */
  last: number;
  /** Set when the ring leaves the map (reclaimed, or its endpoint gone): a plan that still points here looks again. */
  dropped: boolean;
}

export interface StepFigures {
  t: number[];
  rps: number[];
  p50_ms: Array<number | null>;
  p95_ms: Array<number | null>;
  p99_ms: Array<number | null>;
  error_rate: Array<number | null>;
  failure_rate: Array<number | null>;
}

export interface Totals {
  requests: number;
  errors: number;
  failures: number;
}

function slotOf(ms: number): number {
  if (!(ms > LATENCY_BOUNDS_MS[0])) return 0;
  const i = Math.ceil(2 * Math.log2(ms / LATENCY_BOUNDS_MS[0]) - 1e-9);
  return i < SLOTS - 1 ? i : SLOTS - 1;
}

/** The q-quantile of merged slot counts, interpolated inside its slot as Prometheus' histogram_quantile does. */
function quantile(q: number, slots: Float64Array, count: number): number {
  const rank = q * count;
  let seen = 0;
  for (let i = 0; i < SLOTS; i++) {
    if (slots[i] === 0) continue;
    if (seen + slots[i] >= rank) {
      if (i === SLOTS - 1) return LATENCY_BOUNDS_MS[SLOTS - 2];
      const low = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1];
      const high = LATENCY_BOUNDS_MS[i];
      return low + (high - low) * ((rank - seen) / slots[i]);
    }
    seen += slots[i];
  }
  return LATENCY_BOUNDS_MS[SLOTS - 2];
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export class RollingStats {
  private readonly rings = new Map<string, Ring>();
  /** The same rings by a shared answer plan, as the request tally keeps its records: no lookup by name per answer. */
  private readonly byPlan = new WeakMap<object, Ring>();
  private lastReclaim = -1;

  constructor(private readonly maxRings = MAX_RINGS) {}

  /**
   * One answer: O(1), no allocation once the endpoint's ring exists. `second`: epoch seconds of the answer;
   * `error`: a 5xx or a fault that sent no status (as the error rate over mockdock_requests_total counts them).
   * `plan`: an object standing for this endpoint while it lives (a shared answer plan), if any.
   */
  observe(endpoint: string, second: number, seconds: number, error: boolean, failure: boolean, plan?: object): void {
    let ring = plan === undefined ? undefined : this.byPlan.get(plan);
    if (ring === undefined || ring.dropped) {
      ring = this.rings.get(endpoint) ?? this.open(endpoint, second);
      if (plan !== undefined) this.byPlan.set(plan, ring);
    }
    const at = (second % WINDOW_S) * ROW;
    if (ring.stamps[second % WINDOW_S] !== second) {
      ring.cells.fill(0, at, at + ROW);
      ring.stamps[second % WINDOW_S] = second;
    }
    if (second > ring.last) ring.last = second;
    const cells = ring.cells;
    cells[at + slotOf(seconds * 1000)]++;
    cells[at + COUNT]++;
    if (error) cells[at + ERRORS]++;
    if (failure) cells[at + FAILURES]++;
  }

  /** Drops the rings of endpoints no longer in force (after a reload). */
  retain(names: Iterable<string>): void {
    const keep = new Set(names);
    for (const [name, ring] of this.rings) if (!keep.has(name) && name !== OTHER) this.drop(name, ring);
  }

  /** Names with a ring that counted something in the window ending at `now`. */
  active(now: number): string[] {
    return [...this.rings].filter(([, ring]) => ring.last > now - WINDOW_S).map(([name]) => name);
  }

  /** Bytes held by the rings. */
  bytes(): number {
    return this.rings.size * RING_BYTES;
  }

  /**
   * Figures of the `windowS` seconds ending with `now` (the second in progress included), in steps of
   * `stepS` seconds aligned to multiples of `stepS`; rates are null where a step had no answer.
   */
  read(endpoint: string, now: number, windowS: number, stepS: number): { series: StepFigures; totals: Totals } {
    const first = now - windowS + 1;
    const series: StepFigures = { t: [], rps: [], p50_ms: [], p95_ms: [], p99_ms: [], error_rate: [], failure_rate: [] };
    const totals: Totals = { requests: 0, errors: 0, failures: 0 };
    const ring = this.rings.get(endpoint);
    const merged = new Float64Array(ROW);
    for (let start = Math.floor(first / stepS) * stepS; start <= now; start += stepS) {
      const from = Math.max(start, first);
      const to = Math.min(start + stepS - 1, now);
      merged.fill(0);
      if (ring) {
        for (let s = from; s <= to; s++) {
          if (ring.stamps[s % WINDOW_S] !== s) continue;
          const at = (s % WINDOW_S) * ROW;
          for (let k = 0; k < ROW; k++) merged[k] += ring.cells[at + k];
        }
      }
      const count = merged[COUNT];
      totals.requests += count;
      totals.errors += merged[ERRORS];
      totals.failures += merged[FAILURES];
      series.t.push(start);
      series.rps.push(round(count / (to - from + 1), 3));
      const some = count > 0;
      series.p50_ms.push(some ? round(quantile(0.5, merged, count), 3) : null);
      series.p95_ms.push(some ? round(quantile(0.95, merged, count), 3) : null);
      series.p99_ms.push(some ? round(quantile(0.99, merged, count), 3) : null);
      series.error_rate.push(some ? round(merged[ERRORS] / count, 4) : null);
      series.failure_rate.push(some ? round(merged[FAILURES] / count, 4) : null);
    }
    return { series, totals };
  }

  private open(endpoint: string, second: number): Ring {
    if (this.named() >= this.maxRings) this.reclaim(second);
    const name = this.named() >= this.maxRings ? OTHER : endpoint;
    const found = this.rings.get(name);
    if (found) return found;
    const ring: Ring = { cells: new Uint32Array(WINDOW_S * ROW), stamps: new Float64Array(WINDOW_S).fill(-1), last: -1, dropped: false };
    this.rings.set(name, ring);
    return ring;
  }

  private named(): number {
    return this.rings.size - (this.rings.has(OTHER) ? 1 : 0);
  }

  /** Frees rings that counted nothing in the window; at most once a second, since it walks every ring. */
  private reclaim(second: number): void {
    if (second === this.lastReclaim) return;
    this.lastReclaim = second;
    for (const [name, ring] of this.rings) if (ring.last <= second - WINDOW_S) this.drop(name, ring);
  }

  private drop(name: string, ring: Ring): void {
    ring.dropped = true;
    this.rings.delete(name);
  }
}
