/**
 * Turns ajv's errors for one endpoint into one plain sentence per problem, at the offending key:
 * `unknown key "lantency_ms" (did you mean "latency_ms"?)`, `"status" must be an integer from 100 to 599`.
 */
import type { ErrorObject } from 'ajv';
import { describe, resolveRef } from './describe-schema';
import { didYouMean } from './did-you-mean';
import { labelOf, parsePointer, type Segment } from '../util/json-pointer';

export interface SchemaProblem {
  /** Segments from the validated object to the offending key or value. */
  path: Segment[];
  message: string;
}

/** Keys that belong one level up, suggested when they turn up inside an endpoint. */
const FILE_KEYS = ['endpoints', 'defaults'];

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function accepts(type: unknown, actual: string): boolean {
  return type === actual || (type === 'number' && actual === 'integer');
}

/**
 * ajv reports every branch of an `anyOf`. When the value's type picks one branch, only that
 * branch's errors are worth reading; otherwise one sentence for the whole union says more.
 */
function pruneUnions(errors: ErrorObject[]): ErrorObject[] {
  let kept = errors.filter((e) => e.keyword !== 'if' && (e.keyword === 'propertyNames' || e.propertyName === undefined));
  const unions = kept.filter((e) => e.keyword === 'anyOf').sort((a, b) => a.instancePath.length - b.instancePath.length);
  for (const union of unions) {
    if (!kept.includes(union)) continue;
    const at = union.instancePath;
    const actual = jsonType(union.data);
    const branches = (union.schema as unknown[]).map(resolveRef);
    const fitting = branches.filter((b) => accepts(b.type, actual));
    if (fitting.length === 1) {
      kept = kept.filter((e) => e !== union && !(e.instancePath === at && e.keyword === 'type'));
    } else {
      kept = kept.filter((e) => e === union || !(e.instancePath === at || e.instancePath.startsWith(at + '/')));
    }
  }
  return kept;
}

function within(context: Segment[]): string {
  return context.length === 0 ? '' : ` in "${labelOf(context)}"`;
}

function unknownKey(error: ErrorObject, at: Segment[], prefix: Segment[]): string {
  const key = String(error.params.additionalProperty);
  const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {}).filter((k) => k !== '$schema');
  if (key === '<<') return 'YAML merge keys ("<<") are not supported; put shared keys under "defaults"';
  if (prefix[0] === 'defaults' && at.length === 0 && (key === 'path' || key === 'name')) {
    return `"${key}" cannot be a default: each endpoint has its own`;
  }
  const candidates = at.length === 0 && prefix.length === 0 ? [...known, ...FILE_KEYS] : known;
  const guess = didYouMean(key, candidates);
  let hint = '';
  if (guess) hint = ` (did you mean "${guess}"?)`;
  else if (known.length <= 8) hint = ` (expected ${known.join(', ')})`;
  return `unknown key "${key}"${within([...prefix, ...at])}${hint}`;
}

function valueMessage(error: ErrorObject, at: Segment[], prefix: Segment[]): string {
  const whole = [...prefix, ...at];
  const subject = whole.length === 0 ? 'an endpoint' : `"${labelOf(whole)}"`;
  return `${subject} must be ${describe(error.parentSchema)}`;
}

/** `prefix` names where the validated object sits for messages (`["defaults"]`, or none for an endpoint). */
export function explainSchemaErrors(errors: readonly ErrorObject[], prefix: Segment[] = []): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  const add = (path: Segment[], message: string): void => {
    const key = path.join('\u0000') + '\u0001' + message;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ path, message });
  };
  const valueDone = new Set<string>();
  for (const error of pruneUnions([...errors])) {
    const at: Segment[] = parsePointer(error.instancePath);
    switch (error.keyword) {
      case 'additionalProperties':
        add([...at, String(error.params.additionalProperty)], unknownKey(error, at, prefix));
        break;
      case 'required':
        add(at, `missing required key "${error.params.missingProperty}"${within([...prefix, ...at])}`);
        break;
      case 'propertyNames':
        add([...at, String(error.params.propertyName)], `invalid header name ${JSON.stringify(error.params.propertyName)}${within([...prefix, ...at])}: use letters, digits and !#$%&'*+-.^_\`|~`);
        break;
      case 'false schema':
        add(at, at[at.length - 1] === 'response' ? 'use either "response" or "body_file", not both' : `"${labelOf([...prefix, ...at])}" is not allowed here`);
        break;
      default:
        if (valueDone.has(error.instancePath)) break;
        valueDone.add(error.instancePath);
        add(at, valueMessage(error, at, prefix));
    }
  }
  return problems;
}
