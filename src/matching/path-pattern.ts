/** Compiles an endpoint path ('/users/:id', '/files/*') into segments, and binds a request to it. */
import { decodeSegment } from './split-path';

export type PatternSegment =
  | { kind: 'static'; value: string }
  | { kind: 'param'; name: string }
  | { kind: 'wildcard' };

export interface PathPattern {
  source: string;
  segments: PatternSegment[];
}

export type PatternResult = { ok: true; pattern: PathPattern } | { ok: false; message: string };

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function compilePathPattern(source: unknown): PatternResult {
  if (typeof source !== 'string' || source === '') {
    return fail('path must be a string starting with "/", e.g. "/users/:id"');
  }
  const quoted = JSON.stringify(source);
  if (source[0] !== '/') return fail(`path ${quoted} must start with "/"`);
  if (/[?#]/.test(source)) {
    return fail(`path ${quoted} must not contain "?" or "#"; put query conditions under match.query`);
  }
  let end = source.length;
  while (end > 1 && source[end - 1] === '/') end--;
  const inner = source.slice(1, end);
  const raw = inner === '' ? [] : inner.split('/');
  const segments: PatternSegment[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    const s = raw[i];
    if (s === '') return fail(`path ${quoted} has an empty segment ("//")`);
    if (s === '*') {
      if (i !== raw.length - 1) {
        return fail(`path ${quoted}: "*" must be the last segment (it matches the rest of the path)`);
      }
      segments.push({ kind: 'wildcard' });
    } else if (s.includes('*')) {
      return fail(`path ${quoted}: "*" must be a whole segment at the end, as in "/files/*"`);
    } else if (s[0] === ':') {
      const name = s.slice(1);
      if (name === '') return fail(`path ${quoted} has a ":" without a parameter name, as in "/users/:id"`);
      if (!PARAM_NAME.test(name) || name === '__proto__') {
        return fail(`path ${quoted}: parameter name "${name}" may use only letters, digits and "_"`);
      }
      if (seen.has(name)) return fail(`path ${quoted} names the parameter ":${name}" twice`);
      seen.add(name);
      segments.push({ kind: 'param', name });
    } else {
      segments.push({ kind: 'static', value: s.includes('%') ? decodeSegment(s) : s });
    }
  }
  return { ok: true, pattern: { source, segments } };
}

function fail(message: string): PatternResult {
  return { ok: false, message };
}

/** The request's params under this pattern, or null when the path does not fit it. */
export function bindParams(pattern: PathPattern, segs: readonly string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  const parts = pattern.segments;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.kind === 'wildcard') {
      params['*'] = i >= segs.length ? '' : segs.slice(i).join('/');
      return params;
    }
    if (i >= segs.length) return null;
    if (part.kind === 'static') {
      if (segs[i] !== part.value) return null;
    } else {
      if (segs[i] === '') return null;
      params[part.name] = segs[i];
    }
  }
  return segs.length === parts.length ? params : null;
}
