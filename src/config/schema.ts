/** The JSON Schema of config files: published to editors (`mockdock schema`) and used by the loader. */
import schema from './schema.json';

export const configSchema = schema;

/** The part of the schema that describes one endpoint, and the other named parts. */
export const schemaDefinitions = schema.definitions;
