/** An endpoint compiled for serving: matcher data plus every behaviour built once. */
import type { EndpointDefinition, SourceRef, Locate } from '../model/endpoint';
import type { Random } from '../model/clock';
import type { CompiledResponse } from '../response/compile-response';
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

export interface CompiledEndpoint {
  // what the matcher needs
  method: string;
  path: string;
  priority: number;
  order: number;
  name: string;
  match?: EndpointDefinition['match'];
  locate: Locate;
  // what serving needs
  def: EndpointDefinition;
  source: SourceRef;
  response: CompiledResponse;
  latency: LatencySampler | null;
  steps: CompiledStep[] | null;
  sequence: SequenceCursor | null;
  schedule: FailureSchedule | null;
  pickFailure: (random: Random) => PickedFailure;
  /** Compiled answers of `status` failures, by index in the failure list. */
  failureResponses: Array<CompiledResponse | null>;
  rateLimiter: RateLimiter | null;
  validator: RequestValidator | null;
  /** Seeds of this endpoint's random streams (chaos: latency and failures; template: uuid, faker…). */
  seeds: { chaos: number; template: number };
  random: { chaos: Random; template: Random };
}
