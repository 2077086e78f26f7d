/**
 * The JSON Schema of config files: published to editors (`mockdock schema`) and used by the loader. The core
 * keys live in schema.json; every behaviour and responder adds the keys it owns (engine/capabilities.ts).
 */
import base from './schema.json';
import { BEHAVIOURS, RESPONDERS, SETTINGS } from '../engine/capabilities';

type Json = Record<string, unknown>;
type Definitions = Record<string, Json & { properties?: Record<string, Json>; description?: string; anyOf?: Json[] }>;

function assemble(): typeof base & { definitions: Definitions } {
  const schema = structuredClone(base) as unknown as Json & { definitions: Definitions };
  const defs = schema.definitions;
  const endpointKeys: Record<string, Json> = {};
  const defaultKeys: Record<string, Json> = {};
  for (const capability of [...BEHAVIOURS, ...RESPONDERS]) {
    Object.assign(defs, capability.definitions ?? {});
    Object.assign(endpointKeys, capability.keys);
    if (capability.inDefaults !== false) Object.assign(defaultKeys, capability.keys);
  }
  // Capability keys sit before `template`, the last core key, so editors list them in a sensible order.
  for (const [name, extra] of [['endpoint', endpointKeys], ['defaults', defaultKeys]] as const) {
    const { template, ...rest } = defs[name].properties as Record<string, Json>;
    defs[name].properties = { ...rest, ...extra, template };
  }
  for (const capability of SETTINGS) {
    Object.assign(defs, capability.definitions ?? {});
    Object.assign(defs.settings.properties as Record<string, Json>, capability.keys);
  }
  return schema as unknown as typeof base & { definitions: Definitions };
}

export const configSchema = assemble();

/** The part of the schema that describes one endpoint, and the other named parts. */
export const schemaDefinitions = configSchema.definitions;

/** The schema of mockdock.yaml alone (`mockdock schema --settings`), for editors mapping that file. */
export const settingsSchema = {
  $schema: configSchema.$schema,
  ...configSchema.definitions.settings,
  definitions: configSchema.definitions,
};
