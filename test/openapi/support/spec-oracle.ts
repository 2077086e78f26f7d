/**
 * The test oracle: the spec's own response schemas, checked by ajv on the document itself (not on
 * the generator's conversion), with only the OpenAPI 3.0/Swagger 2 quirks ajv cannot read smoothed out.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ENFORCED_FORMATS } from '../../../src/behaviours/ajv-instances';

const ID = 'https://oracle.invalid/openapi.json';
type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A copy without example payloads, where draft-04 style bounds, `nullable`, Swagger `file` and discriminated oneOf read as draft-07/2020 intends. */
function smooth(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(smooth);
  if (!isObj(value)) return value;
  const out: Obj = {};
  // Example payloads may hold JSON Schemas of their own ($id, $ref) that ajv would try to register
  for (const [k, v] of Object.entries(value)) if (k !== 'example' && k !== 'examples' && !k.startsWith('x-')) out[k] = smooth(v);
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else if (typeof out[flag] === 'boolean') delete out[flag];
  }
  if (value['x-nullable'] === true) out.nullable = true;
  if (out.nullable === true && out.type === undefined) {
    const { nullable: _n, ...rest } = out;
    return { anyOf: [rest, { type: 'null' }] };
  }
  if (out.nullable === true && typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  delete out.nullable;
  if (out.type === 'file') delete out.type;
  if (out.discriminator !== undefined && Array.isArray(out.oneOf)) {
    out.anyOf = out.oneOf;
    delete out.oneOf;
  }
  if (typeof out.required === 'boolean') delete out.required;
  return out;
}

export class SpecOracle {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(doc: unknown, openapi31: boolean) {
    const options = { strict: false, logger: false as const, allErrors: true, validateSchema: false };
    this.ajv = openapi31 ? new Ajv2020(options) : new Ajv(options);
    // SPEC §15: only the formats defined one way are promised; the rest (duration as Go writes it, url…) are annotations
    addFormats(this.ajv, [...ENFORCED_FORMATS]);
    this.ajv.addSchema({ ...(smooth(doc) as Obj), $id: ID });
  }

  /** Validates `data` against the schema at `pointer` ('#/paths/…/schema'); returns error texts. */
  check(pointer: string, data: unknown): string[] {
    let fn = this.cache.get(pointer);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `${ID}${pointer}` });
      this.cache.set(pointer, fn);
    }
    if (fn(data)) return [];
    return (fn.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`);
  }
}

/**
 * The place a structural pointer ('#/paths/~1a/get/responses/404/content/…') really lands in the
 * document, following `$ref`s met on the way (ajv only follows the last one).
 */
export function landingPointer(doc: unknown, pointer: string): string | null {
  let cur: unknown = doc;
  let at = '#';
  const tokens = pointer.replace(/^#\/?/, '').split('/').filter(Boolean);
  const follow = () => {
    for (let hops = 0; isObj(cur) && typeof cur.$ref === 'string' && cur.$ref.startsWith('#') && hops < 20; hops++) {
      at = cur.$ref;
      cur = at.replace(/^#\/?/, '').split('/').filter(Boolean)
        .map((t) => decodeURIComponent(t.replace(/~1/g, '/').replace(/~0/g, '~')))
        .reduce<unknown>((node, t) => (isObj(node) || Array.isArray(node) ? (node as Obj)[t] : undefined), doc);
    }
  };
  for (const raw of tokens) {
    follow();
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObj(cur) || !(token in cur)) return null;
    cur = cur[token];
    at = `${at}/${raw}`;
  }
  return at;
}
