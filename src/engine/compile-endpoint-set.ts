/** Turns loaded definitions into a ready-to-serve EndpointSet, collecting every problem at once. */
import type { LoadedEndpoint, EndpointDefinition, FailureSpec, Locate } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import { orderIssues } from '../errors/order-issues';
import { compileResponse, type CompiledResponse, type RenderEnv, type ResponseSource, type TemplateContext } from '../response/compile-response';
import type { ResponsePlan } from '../model/response-plan';
import { compileLatency } from '../behaviours/latency';
import { compileFailureSchedule } from '../behaviours/failure-schedule';
import { compileFailurePicker } from '../behaviours/failure-picker';
import { checkSequence, createSequence } from '../behaviours/sequence';
import { compileRateLimiter } from '../behaviours/rate-limit';
import { compileRequestValidator } from '../behaviours/validate-request';
import { createRandom, deriveSeed } from '../behaviours/random';
import { compileMatcher } from '../matching/matcher';
import type { CompiledEndpoint, CompiledStep } from './compiled-endpoint';
import type { EndpointSet } from './endpoint-set';

export interface CompileOptions {
  seed: number;
  now: number;
  globalLatencyMs?: number;
  files?: readonly string[];
}

export type CompileResult = { ok: true; set: EndpointSet } | { ok: false; issues: ConfigIssue[] };

type Result<T> = { ok: true } & T | { ok: false; issues: ConfigIssue[] };

/** Collects issues and unwraps results, so one bad key does not hide the next. */
class IssueSink {
  readonly issues: ConfigIssue[] = [];
  take<T>(result: Result<T>): T | undefined {
    if (result.ok) return result;
    this.issues.push(...result.issues);
    return undefined;
  }
}

function defaultFailureBody(name: string): unknown {
  return { error: 'injected failure', endpoint: name };
}

function compileFailureResponses(
  def: EndpointDefinition,
  locate: Locate,
  sink: IssueSink,
): Array<CompiledResponse | null> {
  const list: FailureSpec[] =
    def.failure === undefined ? [{}] : Array.isArray(def.failure) ? def.failure : [def.failure];
  return list.map((f, i) => {
    if ((f.kind ?? 'status') !== 'status') return null;
    const prefix = def.failure === undefined ? '/failure' : Array.isArray(def.failure) ? `/failure/${i}` : '/failure';
    const src: ResponseSource = {
      status: f.status ?? 500,
      headers: f.headers,
      response: f.response === undefined ? defaultFailureBody(def.name ?? '') : f.response,
      template: def.template,
    };
    return sink.take(compileResponse(src, locate, prefix))?.response ?? null;
  });
}

function compileSteps(loaded: LoadedEndpoint, sink: IssueSink): CompiledStep[] | null {
  const { def, locate } = loaded;
  const problems = checkSequence(def, locate);
  if (problems.length > 0) {
    sink.issues.push(...problems);
    return null;
  }
  if (!def.sequence) return null;
  return def.sequence.map((step, i) => {
    const prefix = `/sequence/${i}`;
    const hasOwnBody = step.response !== undefined;
    const src: ResponseSource = {
      status: step.status ?? def.status,
      headers: step.headers ? { ...def.headers, ...step.headers } : def.headers,
      response: hasOwnBody ? step.response : def.response,
      bodyFile: hasOwnBody ? undefined : loaded.bodyFile,
      template: def.template,
    };
    const response = sink.take(compileResponse(src, locate, hasOwnBody ? prefix : ''))?.response;
    const latencySpec = step.latency_ms ?? def.latency_ms;
    const latencyPointer = step.latency_ms !== undefined ? `${prefix}/latency_ms` : '/latency_ms';
    const latency = sink.take(compileLatency(latencySpec, locate, latencyPointer))?.sample ?? null;
    return { response: response as CompiledResponse, latency };
  });
}

/** What a static answer is rendered with: it reads neither. */
const NO_CONTEXT: TemplateContext = Object.freeze({ params: {}, query: {}, headers: {}, body: undefined, method: '', path: '' });
const NO_ENV: RenderEnv = Object.freeze({ now: 0, random: () => 0 });

function planOnce(name: string, response: CompiledResponse, delayMs: number): Readonly<ResponsePlan> {
  const { headers, body } = response.render(NO_CONTEXT, NO_ENV);
  return Object.freeze({ endpoint: name, status: response.status, headers, body, delayMs, shared: true });
}

function compileEndpoint(loaded: LoadedEndpoint, opts: CompileOptions, sink: IssueSink): CompiledEndpoint | null {
  const { def, locate } = loaded;
  const before = sink.issues.length;
  const response = sink.take(
    compileResponse(
      { status: def.status, headers: def.headers, response: def.response, bodyFile: loaded.bodyFile, template: def.template },
      locate,
      '',
    ),
  )?.response;
  const latency = sink.take(compileLatency(def.latency_ms, locate, '/latency_ms'))?.sample ?? null;
  const steps = compileSteps(loaded, sink);
  const schedule = sink.take(compileFailureSchedule(def, opts.now, locate))?.schedule ?? null;
  const picker = sink.take(compileFailurePicker(def.failure, locate))?.pick;
  // Failure answers are compiled only where something can fail (most endpoints never do).
  const failureResponses = schedule || def.failure !== undefined ? compileFailureResponses(def, locate, sink) : [];
  const rateLimiter = sink.take(compileRateLimiter(def.rate_limit, locate))?.limiter ?? null;
  const validator = sink.take(compileRequestValidator(def.validate, locate))?.validator ?? null;
  if (sink.issues.length > before || !response || !picker) return null;

  const seeds = { chaos: deriveSeed(opts.seed, `${def.name}#chaos`), template: deriveSeed(opts.seed, `${def.name}#template`) };
  const sequence = steps ? createSequence(steps.length, def.sequence_mode ?? 'loop') : null;
  // `latency_ms: 0` and `failure_rate: 0` do nothing, and cost nothing: such an endpoint is still plain.
  const plain = response.isStatic && (latency === null || def.latency_ms === 0) && steps === null && schedule === null;
  return {
    name: def.name,
    plainPlan: plain ? planOnce(def.name, response, opts.globalLatencyMs ?? 0) : null,
    response,
    rateLimiter,
    validator,
    schedule,
    latency,
    steps,
    sequence,
    random: { chaos: createRandom(seeds.chaos), template: createRandom(seeds.template) },
    pickFailure: picker,
    failureResponses,
    method: def.method,
    path: def.path,
    priority: def.priority ?? 0,
    order: loaded.order,
    match: def.match,
    locate,
    def,
    source: loaded.source,
    seeds,
  };
}

/** Compiles every endpoint (templates, schemas, behaviours) and the route index, or returns every problem found. */
export function compileEndpointSet(loaded: readonly LoadedEndpoint[], opts: CompileOptions): CompileResult {
  const sink = new IssueSink();
  const endpoints: CompiledEndpoint[] = [];
  for (const item of loaded) {
    const ep = compileEndpoint(item, opts, sink);
    if (ep) endpoints.push(ep);
  }
  const matcher = sink.take(compileMatcher(endpoints))?.matcher;
  if (sink.issues.length > 0 || !matcher) return { ok: false, issues: orderIssues(sink.issues, opts.files ?? []) };
  // Positions are only needed while compiling; drop them so the parsed documents can be freed.
  for (const ep of endpoints) {
    const source = ep.source;
    ep.locate = () => source;
  }
  return {
    ok: true,
    set: {
      endpoints,
      matcher,
      files: opts.files ?? [],
      globalLatencyMs: opts.globalLatencyMs ?? 0,
      loadedAt: opts.now,
    },
  };
}
