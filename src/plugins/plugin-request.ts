/** The request as a plugin sees it, and the changes an `onRequest` hook made carried back into the request mockdock matches. */
import type { MockRequest } from '../model/request';
import type { PluginRequest } from './plugin-types';

export function pluginRequest(req: MockRequest, params: Record<string, string>, session: string | null): PluginRequest {
  return { method: req.method, path: req.path, query: req.query, headers: req.headers, body: req.body, params, session };
}

const UPPER = /[A-Z]/;

/** The query as text, to see afterwards whether a hook changed it ('' for none: the common case costs nothing). */
export function queryText(query: Record<string, unknown>): string {
  for (const _ in query) return JSON.stringify(query);
  return '';
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  for (const name in headers) {
    if (UPPER.test(name)) {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = String(v);
      return out;
    }
  }
  return headers;
}

/** After `onRequest`: path, method, query, headers and body as the hook left them decide matching. */
export function applyRequest(view: PluginRequest, req: MockRequest, queryBefore: string): void {
  if (typeof view.method === 'string' && view.method !== req.method) req.method = view.method.toUpperCase();
  if (typeof view.path === 'string' && view.path !== req.path) {
    req.path = view.path.startsWith('/') ? view.path : `/${view.path}`;
    req.target = undefined;
  }
  if (view.query !== null && typeof view.query === 'object') {
    req.query = view.query;
    if (req.target !== undefined && queryText(view.query) !== queryBefore) req.target = undefined;
  }
  if (view.headers !== null && typeof view.headers === 'object') req.headers = lowerCased(view.headers);
  req.body = view.body;
}
