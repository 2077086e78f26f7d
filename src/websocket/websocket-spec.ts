/** The `websocket` endpoint key as written in config files. */
import type { LatencySpec } from '../model/endpoint';

/** What to send: a string (text frame), an object (JSON text), or a list of messages sent in turn. */
export type SendSpec = unknown;

export interface MessageMatchSpec {
  /** Partial deep-equal against the message parsed as JSON. */
  json?: unknown;
  /** The whole message text, exactly. */
  text?: string;
  /** A regular expression the message text must match. */
  regex?: string;
}

export interface CloseSpec {
  after_ms?: number;
  /** Default 1000. */
  code?: number;
  reason?: string;
}

export interface ConnectStep {
  send: SendSpec;
  latency_ms?: LatencySpec;
}

export interface MessageRule {
  /** Absent: the rule answers every message (a fallback). */
  match?: MessageMatchSpec;
  send?: SendSpec;
  /** Send the received message back as it came (text or binary). */
  echo?: boolean;
  latency_ms?: LatencySpec;
  /** Close the connection after answering. */
  close?: CloseSpec | boolean;
}

export interface PushSpec {
  interval_ms: number;
  send: SendSpec;
  /** Stop after this many pushes; absent: until the connection ends. */
  times?: number;
}

export interface DropSpec {
  after_ms?: number;
  /** Drop when this many messages have arrived from the client (that message is not answered). */
  after_messages?: number;
  /** Chance per received message (0..1) that the connection drops instead of answering. */
  rate?: number;
}

export interface WebSocketSpec {
  on_connect?: ConnectStep[];
  on_message?: MessageRule[];
  every?: PushSpec[];
  close?: CloseSpec;
  drop?: DropSpec;
  /** Default 1 MiB; a larger message closes the connection with 1009. */
  max_message_bytes?: number;
  /** Pass frames both ways to this WebSocket upstream instead of scripting them. */
  proxy?: string | { url: string; headers?: Record<string, string> };
}

export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;
