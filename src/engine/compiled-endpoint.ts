/** An endpoint compiled for serving: matcher data plus every behaviour built once. */
import type { EndpointDefinition, SourceRef, Locate } from '../model/endpoint';
import type { Random } from '../model/clock';
import type { CompiledResponse } from '../response/compile-response';
import type { ResponsePlan } from '../model/response-plan';
import type { LatencySampler } from '../behaviours/latency';
import type { FailureSchedule } from '../behaviours/failure-schedule';
import type { PickedFailure } from '../behaviours/failure-picker';
import type { SequenceCursor } from '../behaviours/sequence';
import type { RateLimiter } from '../behaviours/rate-limit';
import type { RequestValidator } from '../behaviours/validate-request';

export interface CompiledStep {
  response: CompiledResponse;
  latency: LatencySampler | null;
}

/** Fields are listed, and created, hot ones first: what every request reads shares the object's first cache lines. */
export interface CompiledEndpoint {
  // what serving reads on every request
  name: string;
  /**
   * For an endpoint with a static answer and no latency, failures or sequence: the whole plan, built at
   * load and shared (frozen) by every request it answers. Null otherwise.
   */
  plainPlan: Readonly<ResponsePlan> | null;
  response: CompiledResponse;
  rateLimiter: RateLimiter | null;
  validator: RequestValidator | null;
  schedule: FailureSchedule | null;
  latency: LatencySampler | null;
  steps: CompiledStep[] | null;
  sequence: SequenceCursor | null;
  random: { chaos: Random; template: Random };
  pickFailure: (random: Random) => PickedFailure;
  /** Compiled answers of `status` failures, by index in the failure list. */
  failureResponses: Array<CompiledResponse | null>;
  // what the matcher needs
  method: string;
  path: string;
  priority: number;
  order: number;
  match?: EndpointDefinition['match'];
  locate: Locate;
  // where it came from
  def: EndpointDefinition;
  source: SourceRef;
  /** Seeds of this endpoint's random streams (chaos: latency and failures; template: uuid, faker…). */
  seeds: { chaos: number; template: number };
}
