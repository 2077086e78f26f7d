/**
 * The one request path of the core: match, then the endpoint's behaviour stages in order, then its responder.
 * A stage may answer early; what stages picked (headers, latency, a fault) is applied to whatever answer goes
 * out. Synchronous all the way for in-memory state; a promise only where a stage or responder must wait.
 */
import type { MockRequest } from '../model/request';
import type { ResponsePlan } from '../model/response-plan';
import type { Exchange, StageOutcome } from '../model/pipeline';
import { jsonAnswer } from '../util/json-answer';
import type { ScenarioStates } from '../matching/matcher';
import { readScenarioStates } from '../behaviours/scenario';
import { isStoreUnavailable } from '../errors/store-unavailable';
import type { EndpointSet } from './endpoint-set';
import type { CompiledEndpoint } from './compiled-endpoint';
import { delayOf } from '../util/delay';

type Outcome = ResponsePlan | Promise<ResponsePlan>;

/** The 404 answer for a request no endpoint takes, with the nearest endpoints and why they missed. */
export function notFoundPlan(set: EndpointSet, req: MockRequest, states?: ScenarioStates): ResponsePlan {
  const body = {
    error: `no endpoint matches ${req.method} ${req.path}`,
    closest: set.matcher.closest(req, 3, states),
  };
  return { endpoint: null, ...jsonAnswer(404, body), delayMs: 0 };
}

export function sessionOf(set: EndpointSet, req: MockRequest): string | null {
  const id = req.headers[set.sessionHeader];
  return id === undefined || id === '' ? null : id;
}

/** Makes the exchange a request carries through one endpoint's pipeline. */
export function createExchange(set: EndpointSet, ep: CompiledEndpoint, req: MockRequest, params: Record<string, string>, now: number): Exchange {
  const session = sessionOf(set, req);
  return {
    req,
    params,
    now,
    session,
    endpoint: ep.name,
    state: set.store.scope(session, ep.name),
    store: set.store,
    random: ep.random,
    globalLatencyMs: set.globalLatencyMs,
    vars: null,
    headers: null,
    latency: null,
    fault: null,
    notes: null,
    after: null,
    decorate: null,
  };
}

/** Applies what the stages picked to the answer: their headers, the latency (for the responder's answer), a fault. */
function finish(x: Exchange, plan: ResponsePlan, fromResponder: boolean): ResponsePlan {
  if (fromResponder && plan.shared && x.headers === null && x.fault === null && x.latency === null && x.notes === null && x.after === null && x.decorate === null) return plan;
  let out: ResponsePlan = plan.shared ? { ...plan, shared: false } : plan;
  if (fromResponder && x.decorate !== null) for (const change of x.decorate) out = change(out);
  if (x.headers !== null) out.headers = { ...out.headers, ...x.headers };
  if (fromResponder) {
    out.delayMs = delayOf(x);
    if (x.fault !== null) out.failure = x.fault;
  }
  if (x.notes !== null) out.notes = out.notes ? { ...x.notes, ...out.notes } : x.notes;
  if (x.after !== null) out.after = out.after ? [...x.after, ...out.after] : x.after;
  return out;
}

function respond(ep: CompiledEndpoint, x: Exchange): Outcome {
  const answer = ep.responder.respond(x);
  return answer instanceof Promise ? answer.then((plan) => finish(x, plan, true)) : finish(x, answer, true);
}

/** Runs the stages from `from` on; goes asynchronous only when a stage returns a promise. */
function runStages(ep: CompiledEndpoint, x: Exchange, from: number): Outcome {
  const { stages } = ep;
  for (let i = from; i < stages.length; i++) {
    const out: StageOutcome = stages[i].run(x);
    if (out instanceof Promise) return out.then((early) => (early ? finish(x, early, false) : runStages(ep, x, i + 1)));
    if (out) return finish(x, out, false);
  }
  return respond(ep, x);
}

/**
 * Runs only the behaviour stages (for an upgrade: auth, rate limit, failures decide before the handshake).
 * Resolves to an early answer, or undefined when the responder may take the connection.
 */
export function runBehaviours(ep: CompiledEndpoint, x: Exchange, from = 0): ResponsePlan | undefined | Promise<ResponsePlan | undefined> {
  const { stages } = ep;
  for (let i = from; i < stages.length; i++) {
    const out: StageOutcome = stages[i].run(x);
    if (out instanceof Promise) return out.then((early) => (early ? finish(x, early, false) : runBehaviours(ep, x, i + 1)));
    if (out) return finish(x, out, false);
  }
  return undefined;
}

/** Runs a matched endpoint's pipeline for `req`. */
export function runPipeline(set: EndpointSet, ep: CompiledEndpoint, req: MockRequest, params: Record<string, string>, now: number): Outcome {
  const out = runStages(ep, createExchange(set, ep, req, params, now), 0);
  return out instanceof Promise ? out.catch((err: unknown) => unavailable(ep.name, err)) : out;
}

/** The endpoint needs state and the shared store cannot be reached: 503, and the other endpoints keep serving. */
function unavailable(endpoint: string, err: unknown): ResponsePlan {
  if (!isStoreUnavailable(err)) throw err;
  return storeUnavailablePlan(endpoint);
}

/** The 503 of an endpoint that needs state while the shared store cannot be reached. */
export function storeUnavailablePlan(endpoint: string | null): ResponsePlan {
  return { endpoint, ...jsonAnswer(503, { error: 'state store unavailable' }), delayMs: 0 };
}

/** Matching and the endpoint's pipeline; the fallback (if any) takes what matches nothing. */
function serve(set: EndpointSet, req: MockRequest, now: number): Outcome {
  if (set.matcher.usesStates) return serveInState(set, req, now);
  return serveMatched(set, req, now, undefined);
}

/** With `when_state` conditions in the set, the session's scenario states are read first (at once, in memory). */
function serveInState(set: EndpointSet, req: MockRequest, now: number): Outcome {
  const states = readScenarioStates(set.store, sessionOf(set, req), set.scenarios);
  return states instanceof Promise ? states.then((s) => serveMatched(set, req, now, s)) : serveMatched(set, req, now, states);
}

function serveMatched(set: EndpointSet, req: MockRequest, now: number, states: ScenarioStates | undefined): Outcome {
  const hit = set.matcher.match(req, states);
  if (!hit) return set.hooks.fallback ? fallback(set, req, now, states) : notFoundPlan(set, req, states);
  const ep = hit.endpoint;
  // The common case: an answer that depends on nothing in the request, planned once at load.
  if (ep.plainPlan !== null) return ep.plainPlan;
  return runPipeline(set, ep, req, hit.params, now);
}

async function fallback(set: EndpointSet, req: MockRequest, now: number, states?: ScenarioStates): Promise<ResponsePlan> {
  return (await set.hooks.fallback!(req, now)) ?? notFoundPlan(set, req, states);
}

/**
 * The server-wide hooks around `serve`: before matching, and on every answer (a shared plan is copied first).
 * Synchronous while every hook answers at once: a hook that returns nothing costs no promise.
 */
function withHooks(set: EndpointSet, req: MockRequest, now: number, from: number): Outcome {
  const hooks = set.hooks.request;
  for (let i = from; i < hooks.length; i++) {
    const early = hooks[i](req, now);
    if (early instanceof Promise) return early.then((plan) => (plan ? answered(set, req, plan, 0) : withHooks(set, req, now, i + 1)));
    if (early) return answered(set, req, early, 0);
  }
  const plan = serve(set, req, now);
  return plan instanceof Promise ? plan.then((p) => answered(set, req, p, 0)) : answered(set, req, plan, 0);
}

/** Runs the answer hooks from `from` on, each seeing the plan the one before left. */
function answered(set: EndpointSet, req: MockRequest, plan: ResponsePlan, from: number): Outcome {
  const hooks = set.hooks.answer;
  if (from >= hooks.length) return plan;
  if (plan.shared) plan = { ...plan, headers: { ...plan.headers }, shared: false };
  for (let i = from; i < hooks.length; i++) {
    const next = hooks[i](req, plan);
    if (next instanceof Promise) return next.then((p) => answered(set, req, p ?? plan, i + 1));
    if (next) plan = next;
  }
  return plan;
}

export function handleRequest(set: EndpointSet, req: MockRequest, now: number): Outcome {
  if (set.hooks.request.length === 0 && set.hooks.answer.length === 0) return serve(set, req, now);
  return withHooks(set, req, now, 0);
}
