/** Path regexes and templates of other tools → mockdock paths (`:name` segments, a trailing `*`), where that is exact enough. */
import { escapeRegex } from '../util/escape-regex';

export { escapeRegex };

const ESCAPED_LITERAL = /^(?:[^\\^$.|?*+()[\]{}]|\\[./\-_~:@!$&'=,;%])*$/;
/** A whole segment of "anything but a slash" (or narrower): becomes a `:param`. */
const ANY_SEGMENT = /^\(?(?:\[\^\/\]|\[[^\]/]*\]|\\d|\\w|\.)[+*]\)?$/;
const REST = /^\(?\.[*+]\)?$/;

/** A literal segment written so mockdock reads it literally (not as `:param` or `*`). */
function escapeSegment(seg: string): string {
  return seg.replace(/^:/, '%3A').replace(/\*/g, '%2A');
}

/** The literal text of an escaped regex fragment, when it has no regex meaning. */
function literal(fragment: string): string | undefined {
  return ESCAPED_LITERAL.test(fragment) ? fragment.replace(/\\(.)/g, '$1') : undefined;
}

/** Splits at "/" except inside a character class (`[^/]+`) or after a backslash. */
function splitOutsideClasses(source: string): string[] {
  const out: string[] = [];
  let current = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\' && i + 1 < source.length) {
      current += c + source[++i];
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    if (c === '/' && !inClass) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

export interface PathResult {
  path: string;
  /** Parameter names in segment order (`p1`, `p2` … for regex segments). */
  params: string[];
  /** Set when a regex segment was widened to "any segment". */
  widened?: string;
}

/** `^/api/users/[0-9]+/orders/.*$` → `/api/users/:p1/orders/*`; undefined when a segment is a partial regex. */
export function pathFromRegex(regex: string): PathResult | undefined {
  // An escaped slash is a slash: "\/api\/users" is the same path regex as "/api/users".
  let source = regex.replace(/\\\//g, '/').replace(/^\^/, '').replace(/\$$/, '');
  if (source.endsWith('/?')) source = source.slice(0, -2);
  if (!source.startsWith('/')) return undefined;
  const segments = splitOutsideClasses(source.slice(1));
  const out: string[] = [];
  const params: string[] = [];
  let widened: string | undefined;
  for (const [i, seg] of segments.entries()) {
    const text = literal(seg);
    if (text !== undefined) {
      if (text === '' && i < segments.length - 1) return undefined;
      out.push(escapeSegment(text));
      continue;
    }
    if (i === segments.length - 1 && REST.test(seg)) {
      out.push('*');
      continue;
    }
    if (!ANY_SEGMENT.test(seg)) return undefined;
    if (!/^\(?\[\^\/\][+*]\)?$/.test(seg)) widened = seg;
    const name = `p${params.length + 1}`;
    params.push(name);
    out.push(`:${name}`);
  }
  return { path: `/${out.join('/')}`, params, widened };
}

/** `/users/{id}/posts/{postId}` → `/users/:id/posts/:postId`. */
export function pathFromTemplate(template: string): PathResult | undefined {
  const params: string[] = [];
  const segs = template.replace(/^\//, '').split('/');
  const out: string[] = [];
  for (const [i, seg] of segs.entries()) {
    const m = /^\{([A-Za-z_]\w*)\}$/.exec(seg);
    if (m) {
      params.push(m[1]);
      out.push(`:${m[1]}`);
    } else if (seg.includes('{') || (seg === '' && i < segs.length - 1)) return undefined;
    else out.push(escapeSegment(seg));
  }
  return { path: `/${out.join('/')}`, params };
}

/** An exact path, percent-encoded where mockdock would read it as a parameter or wildcard. */
export function exactPath(p: string): PathResult | undefined {
  const segs = p.replace(/^\//, '').split('/');
  if (segs.slice(0, -1).some((seg) => seg === '')) return undefined;
  return { path: `/${segs.map(escapeSegment).join('/')}`, params: [] };
}

/** A JS-safe anchored regex for a full match, or undefined when JavaScript cannot compile it. */
export function fullMatchRegex(source: string): string | undefined {
  const anchored = `^(?:${source})$`;
  try {
    new RegExp(anchored);
    return anchored;
  } catch {
    return undefined;
  }
}

/** Case-insensitive exact match without flags: `[aA][bB]…`. */
export function caseInsensitiveRegex(text: string): string {
  return `^${[...text].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escapeRegex(c))).join('')}$`;
}
