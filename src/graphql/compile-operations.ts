/** `operations`: fixed answers chosen by operation name and partial variables, each with its own latency and failures. */
import type { Random } from '../model/clock';
import type { FailureKind, Locate } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import { type FailureSchedule, compileFailureSchedule } from '../behaviours/failure-schedule';
import { type PickedFailure, compileFailurePicker } from '../behaviours/failure-picker';
import { type LatencySampler, compileLatency } from '../behaviours/latency';
import { issueAt } from '../behaviours/issue';
import { bodyContains } from '../matching/body-match';
import { type CompiledValue, compileValue } from './compile-value';
import type { GraphqlOperationSpec } from './graphql-spec';

export interface CompiledOperation {
  name: string;
  variables?: Record<string, unknown>;
  data?: CompiledValue;
  /** True when `data` is null or absent while `errors` is given: nothing is executed. */
  dataNull: boolean;
  errors?: CompiledValue;
  latency: LatencySampler | null;
  schedule: FailureSchedule | null;
  pickFailure: (random: Random) => PickedFailure;
  /** Per `failure` entry of kind `status`: its body as a value maker; null for faults on the socket. */
  failureBodies: Array<{ status: number; headers: Record<string, string>; body: CompiledValue } | null>;
}

export interface OperationTable {
  /** The first entry for this name whose `variables` the request's variables contain. */
  find(name: string | undefined, variables: Record<string, unknown> | undefined): CompiledOperation | undefined;
  readonly names: ReadonlySet<string>;
  reset(now: number): void;
}

export const DEFAULT_FAILURE_BODY = { errors: [{ message: 'Internal Server Error (failure injected by mockdock)', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };

export function compileOperations(specs: GraphqlOperationSpec[] | undefined, locate: Locate, issues: ConfigIssue[]): OperationTable {
  const byName = new Map<string, CompiledOperation[]>();
  const all: CompiledOperation[] = [];
  (specs ?? []).forEach((spec, i) => {
    const base = `/graphql/operations/${i}`;
    const at: Locate = (pointer) => locate(base + pointer);
    const op = compileOne(spec, at, base, locate, issues);
    if (!op) return;
    all.push(op);
    const list = byName.get(op.name) ?? [];
    list.push(op);
    byName.set(op.name, list);
  });
  return {
    names: new Set(byName.keys()),
    find(name, variables) {
      if (name === undefined) return undefined;
      const list = byName.get(name);
      if (!list) return undefined;
      const actual = variables ?? {};
      for (const op of list) if (op.variables === undefined || bodyContains(actual, op.variables)) return op;
      return undefined;
    },
    reset(now) {
      for (const op of all) op.schedule?.reset(now);
    },
  };
}

function compileOne(spec: GraphqlOperationSpec, at: Locate, base: string, locate: Locate, issues: ConfigIssue[]): CompiledOperation | undefined {
  const before = issues.length;
  if (typeof spec.operation !== 'string' || spec.operation === '') {
    issues.push(issueAt(locate, `${base}/operation`, 'must name the operation (its name in the query document)'));
  }
  if (spec.variables !== undefined && (spec.variables === null || typeof spec.variables !== 'object' || Array.isArray(spec.variables))) {
    issues.push(issueAt(locate, `${base}/variables`, 'must be an object of variable values'));
  }
  if (spec.data !== undefined && spec.data !== null && (typeof spec.data !== 'object' || Array.isArray(spec.data))) {
    issues.push(issueAt(locate, `${base}/data`, 'must be an object (the whole data of the answer) or null'));
  }
  if (spec.errors !== undefined && (!Array.isArray(spec.errors) || spec.errors.some((e) => typeof e?.message !== 'string'))) {
    issues.push(issueAt(locate, `${base}/errors`, 'must be a list of errors, each with a message'));
  }
  const latency = compileLatency(spec.latency_ms, at, '/latency_ms');
  if (!latency.ok) issues.push(...latency.issues);
  const schedule = compileFailureSchedule({ failure_rate: spec.failure_rate }, 0, at);
  if (!schedule.ok) issues.push(...schedule.issues);
  const picker = compileFailurePicker(spec.failure, at);
  if (!picker.ok) issues.push(...picker.issues);
  const data = spec.data ? compileValue(spec.data, `${base}/data`, locate, issues) : undefined;
  const errors = Array.isArray(spec.errors) ? compileValue(spec.errors, `${base}/errors`, locate, issues) : undefined;
  const failures = spec.failure === undefined ? [{}] : Array.isArray(spec.failure) ? spec.failure : [spec.failure];
  const failureBodies = failures.map((f, i) => {
    if (((f.kind ?? 'status') as FailureKind) !== 'status') return null;
    const pointer = Array.isArray(spec.failure) ? `${base}/failure/${i}/response` : `${base}/failure/response`;
    const body = compileValue(f.response ?? DEFAULT_FAILURE_BODY, pointer, locate, issues);
    return { status: f.status ?? 500, headers: f.headers ?? {}, body };
  });
  if (issues.length > before || !latency.ok || !schedule.ok || !picker.ok) return undefined;
  return {
    name: spec.operation,
    variables: spec.variables,
    data,
    dataNull: errors !== undefined && !spec.data,
    errors,
    latency: latency.sample,
    schedule: schedule.schedule,
    pickFailure: picker.pick,
    failureBodies,
  };
}
