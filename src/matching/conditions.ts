/** `match.query`, `match.headers` and `match.body`: compiled once, then tested per request. */
import type { Locate, MatchSpec } from '../model/endpoint';
import type { ScenarioStates, WhenState } from './types';
import { INITIAL_SCENARIO_STATE } from '../model/state';
import type { MockRequest } from '../model/request';
import type { ConfigIssue } from '../errors/config-issue';
import { ErrorCodes } from '../errors/codes';
import { bodyContains } from './body-match';
import { compileStringCondition, testValue, type StringTest } from './string-condition';
import { escapeToken } from '../util/json-pointer';

export interface KeyedTest {
  /** Query key as written; header name lower-cased (requests carry lower-case names). */
  key: string;
  test: StringTest;
}

export interface Conditions {
  query: KeyedTest[];
  headers: KeyedTest[];
  hasBody: boolean;
  body: unknown;
  /** The scenario state this endpoint needs, or null. */
  whenState: WhenState | null;
}

/** Every scenario is in its first state until something moves it. */
export const INITIAL_STATE = INITIAL_SCENARIO_STATE;
const ALL_STARTED: ScenarioStates = () => INITIAL_STATE;

const hasOwn = Object.prototype.hasOwnProperty;

/** Null when the spec has no conditions, so the hot path can skip the call entirely. */
export function compileConditions(
  spec: MatchSpec | undefined,
  locate: Locate,
  issues: ConfigIssue[],
  whenState?: WhenState,
): Conditions | null {
  const state = whenState ?? null;
  if (spec === undefined || spec === null) return state === null ? null : { query: [], headers: [], hasBody: false, body: undefined, whenState: state };
  const query = compileKeyed(spec.query, 'query', false, locate, issues);
  const headers = compileKeyed(spec.headers, 'headers', true, locate, issues);
  const hasBody = spec.body !== undefined;
  if (query.length === 0 && headers.length === 0 && !hasBody && state === null) return null;
  return { query, headers, hasBody, body: spec.body, whenState: state };
}

function compileKeyed(
  map: Record<string, unknown> | undefined,
  section: 'query' | 'headers',
  lowerCase: boolean,
  locate: Locate,
  issues: ConfigIssue[],
): KeyedTest[] {
  const out: KeyedTest[] = [];
  if (map === undefined || map === null) return out;
  for (const key of Object.keys(map)) {
    const result = compileStringCondition(map[key], `match.${section} ${JSON.stringify(key)}`);
    if (result.ok) {
      out.push({ key: lowerCase ? key.toLowerCase() : key, test: result.test });
      continue;
    }
    const pointer = `/match/${section}/${escapeToken(key)}${result.kind === 'regex' ? '/regex' : ''}`;
    const at = locate(pointer);
    issues.push({
      file: at.file,
      line: at.line,
      col: at.col,
      code: result.kind === 'regex' ? ErrorCodes.CONFIG_REGEX : ErrorCodes.CONFIG_SCHEMA,
      message: result.message,
    });
  }
  return out;
}


/** All conditions hold. Runs per candidate on every request: no allocation. */
export function conditionsHold(c: Conditions, req: MockRequest, states: ScenarioStates = ALL_STARTED): boolean {
  if (c.whenState !== null && states(c.whenState.scenario) !== c.whenState.state) return false;
  const query = req.query;
  for (let i = 0; i < c.query.length; i++) {
    const q = c.query[i];
    if (!hasOwn.call(query, q.key) || !testValue(q.test, query[q.key])) return false;
  }
  const headers = req.headers;
  for (let i = 0; i < c.headers.length; i++) {
    const h = c.headers[i];
    if (!hasOwn.call(headers, h.key) || !testValue(h.test, headers[h.key])) return false;
  }
  return !c.hasBody || bodyContains(req.body, c.body);
}
