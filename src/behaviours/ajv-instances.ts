/** The two Ajv instances request validation compiles with, made once per process and shared by every endpoint. */
import type Ajv from 'ajv';

export type SchemaKind = 'body' | 'params';

/**
 * The formats checked: those JSON Schema or OpenAPI define one way only. Any other `format`
 * (`duration`, which vendors use for Go durations such as "1h"; `hostname`; vendor formats) is an
 * annotation: it stays in the schema for editors and is not enforced.
 */
export const ENFORCED_FORMATS = ['date', 'date-time', 'email', 'uuid', 'uri', 'ipv4', 'ipv6', 'byte', 'int32', 'int64'] as const;

const instances: Partial<Record<SchemaKind, Ajv>> = {};

/**
 * `body` checks JSON as it is; `params` (query and headers, which arrive as strings) coerces
 * '5' to 5 and 'true' to true, and a lone value to a one-item array where the schema wants one.
 * strict: false because schemas imported from OpenAPI carry `example`, `xml`, `x-*` and unknown
 * formats; logger: false because ajv would otherwise print warnings about them to stdout.
 */
export function ajvFor(kind: SchemaKind): Ajv {
  let ajv = instances[kind];
  if (ajv === undefined) {
    // required on first use: a config without `validate` never loads ajv
    const AjvClass = (require('ajv') as typeof import('ajv')).default;
    const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
    ajv = new AjvClass({
      allErrors: true,
      strict: false,
      logger: false,
      coerceTypes: kind === 'params' ? 'array' : false,
    });
    addFormats(ajv, [...ENFORCED_FORMATS]);
    instances[kind] = ajv;
  }
  return ajv;
}
