/** An endpoint compiled for serving: its conditions' data, its behaviour stages and its responder, built once per load. */
import type { EndpointDefinition, SourceRef, Locate } from '../model/endpoint';
import type { Random } from '../model/clock';
import type { ResponsePlan } from '../model/response-plan';
import type { Responder, Stage } from '../model/pipeline';
import type { WhenState } from '../matching/matcher';

/** Fields are listed, and created, hot ones first: what every request reads shares the object's first cache lines. */
export interface CompiledEndpoint {
  // what serving reads on every request
  name: string;
  /**
   * For an endpoint with no behaviour stages and a plain answer: the whole plan, built at load and shared
   * (frozen) by every request it answers. Null otherwise.
   */
  plainPlan: Readonly<ResponsePlan> | null;
  stages: readonly Stage[];
  responder: Responder;
  random: { chaos: Random; template: Random };
  // what the matcher needs
  method: string;
  path: string;
  priority: number;
  order: number;
  match?: EndpointDefinition['match'];
  /** `scenario` + `when_state`: matches only in that state. */
  whenState?: WhenState;
  locate: Locate;
  // where it came from
  def: EndpointDefinition;
  source: SourceRef;
  /** Seeds of this endpoint's random streams (chaos: latency and failures; template: uuid, faker…). */
  seeds: { chaos: number; template: number };
}
