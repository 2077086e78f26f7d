/** A `websocket` config compiled once per reload: what every connection to the endpoint runs. */
import type { LatencySampler } from '../behaviours/latency';
import type { RenderText } from '../streams/compile-text';
import type { MessagePredicate } from './message-match';

export interface CloseAction {
  code: number;
  reason: string;
}

export interface CompiledStep {
  /** Messages sent in turn (one text frame each). */
  send: RenderText[];
  latency: LatencySampler | null;
}

export interface CompiledRule extends CompiledStep {
  /** Null: the rule answers every message. */
  when: MessagePredicate | null;
  echo: boolean;
  close: CloseAction | null;
}

export interface CompiledPush {
  intervalMs: number;
  send: RenderText[];
  /** Null: until the connection ends. */
  times: number | null;
}

export interface CompiledDrop {
  afterMs: number | null;
  afterMessages: number | null;
  rate: number;
}

export interface CompiledScript {
  onConnect: CompiledStep[];
  rules: CompiledRule[];
  pushes: CompiledPush[];
  close: (CloseAction & { afterMs: number }) | null;
  drop: CompiledDrop | null;
  maxMessageBytes: number;
}
