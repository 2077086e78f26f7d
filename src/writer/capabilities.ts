/** Which endpoint keys this build's config schema knows, so writers emit a key only once mockdock can load it. */
import { configSchema } from '../config/schema';

const endpointKeys = new Set(Object.keys((configSchema.definitions.endpoint as { properties: Record<string, unknown> }).properties));

/** True when endpoints may carry `key` (e.g. `scenario`, `crud`, `proxy`). */
export function supportsKey(key: string): boolean {
  return endpointKeys.has(key);
}
