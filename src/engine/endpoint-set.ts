/** The complete compiled set of endpoints that serves requests; swapped whole on reload. State lives apart, in the store. */
import type { Matcher } from '../matching/matcher';
import type { StateStore } from '../model/state';
import type { ServerHooks } from '../model/pipeline';
import type { ConfigIssue } from '../model/config-issue';
import type { CompiledEndpoint } from './compiled-endpoint';
import { createRandom } from '../behaviours/random';
import type { Resources } from './resources';

/** The header that names a test session (SPEC §7), unless `sessions.header` says otherwise. */
export const DEFAULT_SESSION_HEADER = 'x-mockdock-session';

export interface EndpointSet {
  readonly endpoints: readonly CompiledEndpoint[];
  readonly matcher: Matcher<CompiledEndpoint>;
  /** Config files this set was built from, relative to the config root. */
  readonly files: readonly string[];
  /** Extra delay added to every mocked answer (`--latency`). */
  readonly globalLatencyMs: number;
  readonly loadedAt: number;
  /** Where sequences, counters, rate-limit buckets and every other piece of state live; outlives reloads. */
  readonly store: StateStore;
  /** Objects capabilities keep across reloads (connection pools, a recorder); handed on to every reload. */
  readonly resources: Resources;
  /** Lower-case name of the session header. */
  readonly sessionHeader: string;
  /** Problems worth telling that do not stop the set from serving (file, line, message). */
  readonly warnings: readonly ConfigIssue[];
  /** Every scenario and the states its endpoints name, `started` first. */
  readonly scenarios: ReadonlyMap<string, readonly string[]>;
  /** Server settings (`mockdock.yaml`) this set was built with. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Server-wide hooks from settings capabilities, in order; empty lists cost nothing per request. */
  readonly hooks: {
    readonly request: ReadonlyArray<NonNullable<ServerHooks['onRequest']>>;
    readonly answer: ReadonlyArray<NonNullable<ServerHooks['onAnswer']>>;
    readonly fallback: ServerHooks['fallback'] | null;
    /** Files the settings capabilities read (plugin modules): a change to one reloads the config. */
    readonly files: readonly string[];
  };
}

/**
 * `POST /__reset`: sequences, every-N counters, outage clocks and rate-limit buckets start over (for one
 * session, or all), and so do the random streams when every session is reset.
 */
export async function resetEndpointSet(set: EndpointSet, now: number, session?: string | null): Promise<void> {
  await set.store.reset(now, session);
  if (session === undefined) restartRandomStreams(set);
}

/** Every endpoint's random streams start over from their seeds (a reset, here or on another replica). */
export function restartRandomStreams(set: EndpointSet): void {
  for (const ep of set.endpoints) {
    ep.random.chaos = createRandom(ep.seeds.chaos);
    ep.random.template = createRandom(ep.seeds.template);
  }
}
