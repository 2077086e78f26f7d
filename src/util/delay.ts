/** The delay one request is answered after: the latency its stages picked, drawn from the endpoint's chaos stream, plus `--latency`. */
import type { Exchange } from '../model/pipeline';

export function delayOf(x: Exchange): number {
  return (x.latency ? x.latency(x.random.chaos) : 0) + x.globalLatencyMs;
}
