/** Paths: the server URL's path part as a prefix, and OpenAPI `{param}` templates turned into mockdock `:param` segments. */
import { isObject } from './ref-resolver';

/** The path part of the first server URL, with server variables set to their defaults ('' for none). */
export function serverBasePath(servers: unknown): string {
  if (!Array.isArray(servers) || servers.length === 0 || !isObject(servers[0])) return '';
  const server = servers[0];
  if (typeof server.url !== 'string') return '';
  const vars = isObject(server.variables) ? server.variables : {};
  let url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const v = vars[name];
    if (isObject(v) && v.default !== undefined) return String(v.default);
    if (isObject(v) && Array.isArray(v.enum) && v.enum.length > 0) return String(v.enum[0]);
    return whole;
  });
  url = url.replace(/[?#].*$/, '');
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(url) ?? /^\/\/[^/]*/.exec(url);
  if (scheme) url = url.slice(scheme[0].length);
  return normalizeBasePath(url);
}

/** '' for none; otherwise one leading slash and no trailing one. */
export function normalizeBasePath(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

export interface MockPath {
  path: string;
  /** Segments that only partly were a parameter ('{name}.json'), now matched as a whole parameter. */
  loosened: string[];
  /** OpenAPI parameter name → the `:name` used in the mock path, where they differ. */
  renamed: Record<string, string>;
}

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function safeName(name: string, used: Set<string>): string {
  let base = PARAM_NAME.test(name) ? name : name.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(base)) base = `p_${base}`;
  if (base === '__proto__') base = 'proto';
  let out = base;
  for (let i = 2; used.has(out); i++) out = `${base}_${i}`;
  used.add(out);
  return out;
}

/** '/pets/{petId}' under base '/v1' → '/v1/pets/:petId'. */
export function toMockPath(template: string, basePath: string): MockPath {
  const loosened: string[] = [];
  const renamed: Record<string, string> = {};
  const used = new Set<string>();
  const segments = template.split('/').filter((s, i) => i > 0 || s !== '');
  const out = segments.map((seg) => {
    const whole = /^\{([^{}]+)\}$/.exec(seg);
    if (whole) {
      const name = safeName(whole[1], used);
      if (name !== whole[1]) renamed[whole[1]] = name;
      return `:${name}`;
    }
    const inner = [...seg.matchAll(/\{([^{}]+)\}/g)];
    if (inner.length > 0) {
      // mockdock parameters are whole segments; the segment is matched by any value
      loosened.push(seg);
      return `:${safeName(inner.map((m) => m[1]).join('_'), used)}`;
    }
    return seg.replace(/\*/g, '%2A');
  });
  const joined = `/${out.join('/')}`.replace(/\/{2,}/g, '/');
  const base = normalizeBasePath(basePath);
  const path = base === '' ? joined : joined === '/' ? base : `${base}${joined}`;
  return { path, loosened, renamed };
}

/**
 * Vendors publish path keys with a literal query (`/v1/items?beta=true`), which OpenAPI does not
 * define, or a fragment naming the action (`/#Action=SendMessage`, sent as a query parameter);
 * either becomes a query condition on the endpoint. Returns the path part and the query pairs.
 */
export function splitPathKey(key: string): { template: string; query?: Record<string, string> } {
  const at = key.search(/[?#]/);
  if (at < 0) return { template: key };
  const query: Record<string, string> = {};
  for (const part of key.slice(at + 1).split(/[?#]/)) {
    for (const [name, value] of new URLSearchParams(part)) if (name !== '') query[name] = value;
  }
  return { template: key.slice(0, at) || '/', query: Object.keys(query).length > 0 ? query : undefined };
}
