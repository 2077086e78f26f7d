/**
 * Rewrites another tool's Handlebars templates into mockdock's helpers, tag by tag. A tag the
 * importer cannot map fails the whole template (it is then served as plain text and reported),
 * and the result must compile with mockdock's own template compiler.
 */
import { compileTemplate, looksLikeTemplate } from '../response/compile-template';

export interface Tag {
  /** `#if`, `/if`, `else`, a helper name or a path such as `request.query.id`. */
  head: string;
  /** Positional arguments as written (quotes removed from string literals, `quoted` tells which were). */
  args: { text: string; quoted: boolean }[];
  hash: Record<string, string>;
  raw: string;
}

/** Returns the new tag text (with braces), or undefined when it has no mockdock counterpart. */
export type TagRewriter = (tag: Tag) => string | undefined;

export type Translation = { ok: true; text: string; templated: boolean } | { ok: false; tag: string };

const TAG = /\{\{\{([\s\S]*?)\}\}\}|\{\{([\s\S]*?)\}\}/g;
const TOKEN = /([A-Za-z_@][\w.@-]*)=('[^']*'|"[^"]*"|\S+)|'([^']*)'|"([^"]*)"|(\S+)/g;

function unquote(text: string): string {
  return /^(['"]).*\1$/s.test(text) ? text.slice(1, -1) : text;
}

export function parseTag(inner: string): Tag {
  const body = inner.trim();
  const tokens = [...body.matchAll(TOKEN)];
  const [first, ...rest] = tokens;
  const tag: Tag = { head: first ? first[0] : '', args: [], hash: {}, raw: `{{${inner}}}` };
  for (const t of rest) {
    if (t[1] !== undefined) tag.hash[t[1]] = unquote(t[2]);
    else if (t[3] !== undefined || t[4] !== undefined) tag.args.push({ text: t[3] ?? t[4], quoted: true });
    else tag.args.push({ text: t[5], quoted: false });
  }
  return tag;
}

/** Translates every tag; text outside tags is kept as it is. */
export function translateTemplate(text: string, rewrite: TagRewriter): Translation {
  if (!looksLikeTemplate(text)) return { ok: true, text, templated: false };
  let failed: string | undefined;
  const out = text.replace(TAG, (whole, triple: string | undefined, double: string | undefined) => {
    if (failed !== undefined) return whole;
    const inner = (triple ?? double ?? '').replace(/^~|~$/g, '');
    if (/^\s*!/.test(inner)) return ''; // a comment
    const next = rewrite(parseTag(inner));
    if (next === undefined) failed = whole;
    return next ?? whole;
  });
  if (failed !== undefined) return { ok: false, tag: failed };
  const compiled = compileTemplate(out);
  if (!compiled.ok) return { ok: false, tag: compiled.problems.map((p) => p.message).join('; ') };
  return { ok: true, text: out, templated: true };
}

/** A value that names request data, written as a mockdock path expression. */
export function dataPath(root: 'params' | 'query' | 'headers' | 'body', key: string): string {
  const parts = key.split('.').filter((p) => p !== '');
  const safe = parts.map((p) => (/^[A-Za-z_][\w]*$/.test(p) ? p : `[${p}]`));
  return [root, ...safe].join('.');
}

/** A JSONPath like `$.a.b` or `$['a'].b[0]` as a dotted key (`a.b`, `a.b.0`); undefined for filters and wildcards. */
export function simpleJsonPath(expr: string): string | undefined {
  let rest = expr.trim();
  if (!rest.startsWith('$')) return /^[\w.-]+$/.test(rest) ? rest : undefined;
  rest = rest.slice(1);
  const parts: string[] = [];
  const step = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']+)'\]|\["([^"]+)"\])/;
  while (rest.length > 0) {
    const m = step.exec(rest);
    if (!m) return undefined;
    parts.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
    rest = rest.slice(m[0].length);
  }
  return parts.length > 0 ? parts.join('.') : undefined;
}
