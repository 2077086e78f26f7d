/** The complete compiled set of endpoints that serves requests; swapped whole on reload. */
import type { Matcher } from '../matching/matcher';
import type { CompiledEndpoint } from './compiled-endpoint';
import { createRandom } from '../behaviours/random';

export interface EndpointSet {
  readonly endpoints: readonly CompiledEndpoint[];
  readonly matcher: Matcher<CompiledEndpoint>;
  /** Config files this set was built from, relative to the config root. */
  readonly files: readonly string[];
  /** Extra delay added to every mocked answer (`--latency`). */
  readonly globalLatencyMs: number;
  readonly loadedAt: number;
}

/** `POST /__reset`: sequences, every-N counters, outage clocks, rate-limit buckets and random streams start over. */
export function resetEndpointSet(set: EndpointSet, now: number): void {
  for (const ep of set.endpoints) {
    ep.sequence?.reset();
    ep.schedule?.reset(now);
    ep.rateLimiter?.reset();
    ep.random.chaos = createRandom(ep.seeds.chaos);
    ep.random.template = createRandom(ep.seeds.template);
  }
}
