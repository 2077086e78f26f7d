/** Turns endpoints into matcher entries (pattern, conditions, rank), collecting every config issue. */
import type { ConfigIssue } from '../errors/config-issue';
import { ErrorCodes } from '../errors/codes';
import { compileConditions, type Conditions } from './conditions';
import { compilePathPattern, type PathPattern } from './path-pattern';
import type { Matchable } from './types';

export interface CompiledEndpoint<T> {
  endpoint: T;
  /** Upper-case method, or 'ANY'. */
  method: string;
  pattern: PathPattern;
  conditions: Conditions | null;
  /** Position in the winning order (priority high→low, then order low→high); lower wins. */
  rank: number;
}

export type CompileResult<T> =
  | { ok: true; entries: CompiledEndpoint<T>[] }
  | { ok: false; issues: ConfigIssue[] };

/** Entries come back sorted by rank, so the first one that matches is the winner. */
export function compileEndpoints<T extends Matchable>(endpoints: readonly T[]): CompileResult<T> {
  const issues: ConfigIssue[] = [];
  const compiled: { entry: CompiledEndpoint<T>; index: number }[] = [];
  endpoints.forEach((endpoint, index) => {
    const path = compilePathPattern(endpoint.path);
    if (!path.ok) {
      const at = endpoint.locate('/path');
      issues.push({ file: at.file, line: at.line, col: at.col, code: ErrorCodes.CONFIG_PATH, message: path.message });
    }
    const conditions = compileConditions(endpoint.match, endpoint.locate, issues, endpoint.whenState);
    if (!path.ok) return;
    const method = String(endpoint.method ?? 'GET').toUpperCase();
    compiled.push({ entry: { endpoint, method, pattern: path.pattern, conditions, rank: 0 }, index });
  });
  if (issues.length > 0) return { ok: false, issues };
  compiled.sort(
    (a, b) =>
      b.entry.endpoint.priority - a.entry.endpoint.priority ||
      a.entry.endpoint.order - b.entry.endpoint.order ||
      a.index - b.index,
  );
  const entries = compiled.map((c, rank) => {
    c.entry.rank = rank;
    return c.entry;
  });
  return { ok: true, entries };
}

/**
 * How a request method relates to an endpoint method: 0 a direct match (same method, or
 * ANY), 1 a fallback (HEAD answered by GET), -1 no match. Fallbacks lose to direct matches.
 */
export function methodTier(endpointMethod: string, requestMethod: string): 0 | 1 | -1 {
  if (endpointMethod === requestMethod || endpointMethod === 'ANY') return 0;
  if (requestMethod === 'HEAD' && endpointMethod === 'GET') return 1;
  return -1;
}
