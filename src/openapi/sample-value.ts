/** Example values generated from a (converted, self-contained) schema with openapi-sampler, deterministically. */
import { sample } from 'openapi-sampler';
import type { JsonSchema } from './schema-converter';
import { unrollSchema } from './unroll-schema';

export interface SampleOptions {
  /** Responses leave out writeOnly properties; requests leave out readOnly ones. */
  direction: 'response' | 'request';
  xml?: boolean;
}

/**
 * openapi-sampler writes some warnings (odd date-time lengths) with console.warn whatever its
 * `quiet` option says; they would land in the middle of the command's output.
 */
function quietly<T>(fn: () => T): T {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return fn();
  } finally {
    console.warn = warn;
  }
}

/** A value that fits the schema as far as the sampler can tell; undefined when it gives up. */
export function sampleValue(schema: JsonSchema, opts: SampleOptions): unknown {
  if (typeof schema === 'boolean') return schema ? {} : undefined;
  // XML element names come from the `$ref` names, so XML samples keep the references
  const root = (opts.xml ? schema : unrollSchema(schema)) as Record<string, unknown>;
  try {
    return quietly(() =>
      sample(root as never, {
        skipReadOnly: opts.direction === 'request',
        skipWriteOnly: opts.direction === 'response',
        quiet: true,
        enablePatterns: true,
        format: opts.xml ? 'xml' : 'json',
      }, root),
    );
  } catch {
    return undefined;
  }
}
