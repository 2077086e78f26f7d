/** A WireMock `request` pattern → mockdock path, method and `match`, or the reason it cannot be carried. */
import type { MatchSpec, StringCondition } from '../../model/endpoint';
import { caseInsensitiveRegex, escapeRegex, exactPath, fullMatchRegex, pathFromRegex, pathFromTemplate, type PathResult } from '../regex-path';
import { simpleJsonPath } from '../template-translate';

type Obj = Record<string, unknown>;
export type Report = (what: string, why: string) => void;

export interface RequestOut {
  method: string;
  path: PathResult;
  match: MatchSpec;
}

/** A WireMock string matcher → an exact string or `{regex}`. */
export function stringCondition(m: unknown): StringCondition | string {
  if (!m || typeof m !== 'object') return 'it is not a matcher object';
  const o = m as Obj;
  if (typeof o.equalTo === 'string') return o.caseInsensitive ? { regex: caseInsensitiveRegex(o.equalTo) } : o.equalTo;
  if (typeof o.contains === 'string') return { regex: escapeRegex(o.contains) };
  if (typeof o.matches === 'string') {
    const re = fullMatchRegex(o.matches);
    return re ? { regex: re } : `its regex ${JSON.stringify(o.matches)} is not valid in JavaScript`;
  }
  return `the matcher ${Object.keys(o).filter((k) => k !== 'caseInsensitive').join('/') || '{}'} has no mockdock counterpart`;
}

function conditionMap(section: 'query' | 'headers', src: unknown, report: Report): Record<string, StringCondition> | undefined {
  if (!src || typeof src !== 'object') return undefined;
  const out: Record<string, StringCondition> = {};
  for (const [name, m] of Object.entries(src as Obj)) {
    const cond = stringCondition(m);
    if (typeof cond === 'string' && !(typeof (m as Obj)?.equalTo === 'string')) report(`${section === 'query' ? 'queryParameters' : 'headers'}.${name}`, cond);
    else out[section === 'headers' ? name.toLowerCase() : name] = cond;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `$.a.b` with equalTo, or `$[?(@.a == 'x')]`, → a partial body; undefined otherwise. */
function jsonPathBody(m: unknown): Obj | undefined {
  const set = (key: string, value: unknown): Obj => {
    const out: Obj = {};
    let at = out;
    const parts = key.split('.');
    parts.forEach((p, i) => {
      if (i === parts.length - 1) at[p] = value;
      else at = (at[p] = {}) as Obj;
    });
    return out;
  };
  if (m && typeof m === 'object' && typeof (m as Obj).expression === 'string' && typeof (m as Obj).equalTo === 'string') {
    const key = simpleJsonPath((m as Obj).expression as string);
    return key ? set(key, (m as Obj).equalTo) : undefined;
  }
  if (typeof m !== 'string') return undefined;
  const filter = /^\$\[\?\(@\.([\w.]+)\s*==\s*(?:'([^']*)'|"([^"]*)"|(-?\d+(?:\.\d+)?|true|false))\)\]$/.exec(m.trim());
  if (!filter) return undefined;
  return set(filter[1], filter[4] !== undefined ? JSON.parse(filter[4]) : filter[2] ?? filter[3]);
}

function bodyCondition(patterns: unknown, report: Report): unknown {
  if (!Array.isArray(patterns)) return undefined;
  let body: Obj | undefined;
  const merge = (part: unknown) => {
    if (part && typeof part === 'object' && !Array.isArray(part) && (!body || typeof body === 'object')) body = { ...(body ?? {}), ...(part as Obj) };
    else body = part as Obj;
  };
  for (const p of patterns as Obj[]) {
    if (p && 'equalToJson' in p) {
      const v = typeof p.equalToJson === 'string' ? safeJson(p.equalToJson) : p.equalToJson;
      if (v === undefined) report('bodyPatterns.equalToJson', 'the JSON text does not parse');
      else merge(v);
    } else if (p && 'matchesJsonPath' in p) {
      const part = jsonPathBody(p.matchesJsonPath);
      if (part) merge(part);
      else report('bodyPatterns.matchesJsonPath', `${JSON.stringify(p.matchesJsonPath)}: only "$.a.b" with equalTo and "$[?(@.a == 'x')]" map to a body condition`);
    } else if (p && typeof p.equalTo === 'string' && safeJson(p.equalTo) !== undefined && typeof safeJson(p.equalTo) === 'object') {
      merge(safeJson(p.equalTo));
    } else {
      report(`bodyPatterns.${Object.keys(p ?? {})[0] ?? '?'}`, 'mockdock matches request bodies as JSON (partial deep-equal) only');
    }
  }
  return body;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function pathOf(req: Obj): PathResult | string {
  if (typeof req.url === 'string') return exactPath(req.url.split('?')[0]) ?? `url ${req.url} has an empty segment`;
  if (typeof req.urlPath === 'string') return exactPath(req.urlPath) ?? `urlPath ${req.urlPath} has an empty segment`;
  if (typeof req.urlPathTemplate === 'string') return pathFromTemplate(req.urlPathTemplate) ?? `urlPathTemplate ${req.urlPathTemplate} is not a path of {name} segments`;
  for (const key of ['urlPathPattern', 'urlPattern'] as const) {
    if (typeof req[key] !== 'string') continue;
    // A urlPattern covers the query too: a trailing "any query" part is left to match.query.
    const re = key === 'urlPattern' ? (req[key] as string).replace(/(?:\(\\\?\.\*\)\?|\\\?\.\*)\$?$/, '') : (req[key] as string);
    return pathFromRegex(re) ?? `${key} ${JSON.stringify(req[key])}: mockdock paths take whole-segment parameters and a trailing "*", not a regex`;
  }
  return { path: '/*', params: [] };
}

export function convertRequest(req: Obj, report: Report): RequestOut | string {
  const path = pathOf(req);
  if (typeof path === 'string') return path;
  if (path.widened) report('a path regex segment', `${path.widened} is matched as any one segment`);
  const method = typeof req.method === 'string' ? req.method.toUpperCase() : 'ANY';
  const match: MatchSpec = {};
  const query: Record<string, StringCondition> = {};
  if (typeof req.url === 'string' && req.url.includes('?')) {
    for (const [k, v] of new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1))) if (!(k in query)) query[k] = v;
  }
  Object.assign(query, conditionMap('query', req.queryParameters, report) ?? {});
  if (Object.keys(query).length > 0) match.query = query;
  const headers = conditionMap('headers', req.headers, report) ?? {};
  const basic = req.basicAuthCredentials as Obj | undefined;
  if (basic && typeof basic.username === 'string') headers.authorization = `Basic ${Buffer.from(`${basic.username}:${String(basic.password ?? '')}`).toString('base64')}`;
  if (Object.keys(headers).length > 0) match.headers = headers;
  const body = bodyCondition(req.bodyPatterns, report);
  if (body !== undefined) match.body = body;
  for (const key of ['cookies', 'formParameters', 'multipartPatterns', 'host', 'port', 'scheme', 'customMatcher', 'pathParameters']) {
    if (req[key] !== undefined) report(`request.${key}`, 'mockdock does not match on it; the stub answers without that condition');
  }
  return { method: method === 'ANY' ? 'ANY' : method, path, match };
}
