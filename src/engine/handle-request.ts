/** The core of serving: request + endpoint set + clock → a ResponsePlan. Pure apart from the endpoint's own counters. */
import type { MockRequest } from '../model/request';
import type { ResponsePlan } from '../model/response-plan';
import { withContentLength, type RenderedResponse, type TemplateContext } from '../response/compile-response';
import type { EndpointSet } from './endpoint-set';
import type { CompiledEndpoint } from './compiled-endpoint';

const JSON_TYPE = 'application/json; charset=utf-8';

/** An answer mockdock writes itself (404, 429, validation errors): JSON with its length. */
function jsonAnswer(status: number, value: unknown, extra?: Record<string, string>): { status: number; headers: Record<string, string>; body: Buffer } {
  const body = Buffer.from(JSON.stringify(value));
  return { status, headers: withContentLength(status, { 'content-type': JSON_TYPE, ...extra }, body), body };
}

/** The 404 answer for a request no endpoint takes, with the nearest endpoints and why they missed. */
export function notFoundPlan(set: EndpointSet, req: MockRequest): ResponsePlan {
  const body = {
    error: `no endpoint matches ${req.method} ${req.path}`,
    closest: set.matcher.closest(req, 3),
  };
  return { endpoint: null, ...jsonAnswer(404, body), delayMs: 0 };
}

function merge(a: Record<string, string>, b: Record<string, string> | undefined): Record<string, string> {
  return b ? { ...a, ...b } : a;
}

function sampleDelay(ep: CompiledEndpoint, set: EndpointSet, stepIndex: number): number {
  const step = stepIndex >= 0 && ep.steps ? ep.steps[stepIndex] : null;
  const sampler = step ? step.latency : ep.latency;
  const ms = sampler ? sampler(ep.random.chaos) : 0;
  return ms + set.globalLatencyMs;
}

export function handleRequest(set: EndpointSet, req: MockRequest, now: number): ResponsePlan {
  const hit = set.matcher.match(req);
  if (!hit) return notFoundPlan(set, req);
  const ep = hit.endpoint;

  let limitHeaders: Record<string, string> | undefined;
  if (ep.rateLimiter) {
    const decision = ep.rateLimiter.check(req, now);
    limitHeaders = decision.headers;
    if (!decision.allowed) {
      const body = { error: 'rate limit exceeded', endpoint: ep.name, retry_after_s: decision.retryAfterS ?? 1 };
      return {
        endpoint: ep.name,
        ...jsonAnswer(429, body, decision.headers),
        delayMs: 0,
        rateLimited: true,
      };
    }
  }

  if (ep.validator) {
    const errors = ep.validator.validate(req, hit.params);
    if (errors.length > 0) {
      return {
        endpoint: ep.name,
        ...jsonAnswer(ep.validator.status, { errors }, limitHeaders),
        delayMs: sampleDelay(ep, set, -1),
        invalid: true,
      };
    }
  }

  // The common case: an answer that depends on nothing in the request, planned once at load.
  if (ep.plainPlan !== null) {
    return limitHeaders ? { ...ep.plainPlan, headers: merge(ep.plainPlan.headers, limitHeaders) } : ep.plainPlan;
  }

  const ctx: TemplateContext = {
    params: hit.params,
    query: req.query,
    headers: req.headers,
    body: req.body,
    method: req.method,
    path: req.path,
  };
  const env = { now, random: ep.random.template };

  if (ep.schedule && ep.schedule.shouldFail(now, ep.random.chaos)) {
    const picked = ep.pickFailure(ep.random.chaos);
    const delayMs = sampleDelay(ep, set, -1);
    const kind = picked.spec.kind;
    const failureResponse = ep.failureResponses[picked.index];
    if (kind === 'status' && failureResponse) {
      return answer(ep.name, failureResponse.status, failureResponse.render(ctx, env), limitHeaders, delayMs, { kind });
    }
    // Faults carried out on the socket still render the endpoint's answer: slow_body and malformed send (part of) it.
    const failure = { kind, durationMs: picked.spec.duration_ms };
    return answer(ep.name, ep.response.status, ep.response.render(ctx, env), limitHeaders, delayMs, failure);
  }

  const stepIndex = ep.sequence ? ep.sequence.next() : -1;
  const response = stepIndex >= 0 && ep.steps ? ep.steps[stepIndex].response : ep.response;
  return answer(ep.name, response.status, response.render(ctx, env), limitHeaders, sampleDelay(ep, set, stepIndex));
}

function answer(
  endpoint: string,
  status: number,
  out: RenderedResponse,
  limitHeaders: Record<string, string> | undefined,
  delayMs: number,
  failure?: ResponsePlan['failure'],
): ResponsePlan {
  const plan: ResponsePlan = { endpoint, status, headers: merge(out.headers, limitHeaders), body: out.body, delayMs };
  if (failure) plan.failure = failure;
  return plan;
}
