/** Sends one webhook attempt with undici (the proxy's HTTP client) and says how it ended. */
import type { Agent } from 'undici';
import type { OutgoingRequest } from './webhook-spec';

/** A status when the target answered, else what went wrong. */
export type SendOutcome = { status: number } | { error: string };

export type Send = (req: OutgoingRequest, signal: AbortSignal) => Promise<SendOutcome>;

export interface Sender {
  send: Send;
  /** Closes the pooled connections. */
  close(): Promise<void>;
}

export interface SenderOptions {
  /** Longest wait for connecting, for the answer's headers, and between body chunks. Default 10 s. */
  timeoutMs?: number;
}

/** Answers are read and thrown away; past this much the connection is closed instead. */
const MAX_ANSWER_BYTES = 64 * 1024;

/** undici is required on the first send, not at start-up: a mockdock without webhooks never loads it. */
let undici: typeof import('undici') | undefined;

export function createSender(options: SenderOptions = {}): Sender {
  const timeout = options.timeoutMs ?? 10_000;
  let agent: Agent | undefined;
  const agentOf = (): Agent =>
    (agent ??= new (undici ??= require('undici') as typeof import('undici')).Agent({ connect: { timeout }, headersTimeout: timeout, bodyTimeout: timeout, keepAliveTimeout: 4_000 }));
  return {
    async send(req, signal) {
      try {
        const dispatcher = agentOf();
        const res = await dispatcher.request({ ...target(req.url), method: req.method, headers: req.headers, body: req.body, signal });
        // Read the answer so the connection can be reused; what it says is not needed beyond the status.
        await res.body.dump({ limit: MAX_ANSWER_BYTES }).catch(() => undefined);
        return { status: res.statusCode };
      } catch (err) {
        return { error: describeError(err, signal) };
      }
    },
    async close() {
      if (agent) await agent.destroy();
    },
  };
}

/** Origin and path (with query) of a URL, as a dispatcher takes them. */
function target(url: string): { origin: string; path: string } {
  const u = new URL(url);
  return { origin: u.origin, path: `${u.pathname}${u.search}` };
}

/** `connect ECONNREFUSED 127.0.0.1:9 (ECONNREFUSED)`, `Headers Timeout Error (UND_ERR_HEADERS_TIMEOUT)`. */
export function describeError(err: unknown, signal?: AbortSignal): string {
  if (signal?.aborted) {
    const reason = signal.reason instanceof Error ? signal.reason.message : 'aborted';
    return `aborted: ${reason}`;
  }
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  const base = err.message || (cause instanceof Error ? cause.message : err.name);
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && !base.includes(code) ? `${base} (${code})` : base;
}
