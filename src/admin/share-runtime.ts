/**
 * Runtime endpoints across replicas: with a shared store, the definitions live in Redis, a change is told to
 * every replica (publish), and each one, on the message and when it starts, reads them and compiles them itself.
 */
import type { Registry } from '../registry/registry';
import type { LoadedEndpoint } from '../model/endpoint';
import type { RedisStore } from '../state/redis-store';
import type { Logger } from '../server/logger';
import { formatIssue } from '../errors/config-issue';
import { readRuntimeEndpoints, RUNTIME_SOURCE } from './runtime-endpoints';

const KEY = 'mockdock:runtime-endpoints';
const CHANNEL = 'runtime-endpoints';

export function shareRuntimeEndpoints(redis: RedisStore, registry: Registry, me: string, logger: Logger) {
  async function load(): Promise<void> {
    const text = ((await redis.command(['GET', KEY])) as string | null) ?? '[]';
    const mine = new Set(registry.source(RUNTIME_SOURCE).map((e) => e.def.name));
    if (text === '[]' && mine.size === 0) return;
    const taken = registry.current.endpoints.map((e) => e.name).filter((n) => !mine.has(n));
    const read = text === '[]' ? { ok: true as const, endpoints: [] } : readRuntimeEndpoints({ text, json: true, taken });
    if (!read.ok) {
      for (const issue of read.issues) logger.error({ ...issue }, `runtime endpoints from another replica: ${formatIssue(issue)}`);
      return;
    }
    const endpoints = read.endpoints;
    const result = await registry.setSource(RUNTIME_SOURCE, endpoints);
    if (!result.ok) for (const issue of result.issues) logger.error({ ...issue }, `runtime endpoints from another replica do not compile here: ${formatIssue(issue)}`);
  }

  void redis.subscribe(CHANNEL, (message) => {
    if (message === me) return;
    void load().catch((err: Error) => logger.warn({ err: err.message }, 'runtime endpoints: cannot read them from the store'));
  });
  void load().catch((err: Error) => logger.warn({ err: err.message }, 'runtime endpoints: cannot read them from the store'));

  /** Stores this replica's runtime endpoints and tells the others. */
  return async function changed(endpoints: readonly LoadedEndpoint[]): Promise<void> {
    await redis.command(['SET', KEY, JSON.stringify(endpoints.map((e) => e.def))]);
    await redis.publish(CHANNEL, me);
  };
}
