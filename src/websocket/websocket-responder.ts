/** The `websocket` responder: a matched upgrade becomes a scripted or proxied connection; a plain GET learns it must upgrade. */
import type { EndpointDefinition } from '../model/endpoint';
import type { ResponderDefinition } from '../model/pipeline';
import type { ConfigIssue } from '../model/config-issue';
import { ErrorCodes } from '../errors/codes';
import { jsonAnswer } from '../util/json-answer';
import type { StreamHub } from '../streams/stream-hub';
import { acceptUpgrade } from './accept-upgrade';
import { compileWebSocket } from './compile-websocket';
import { WEBSOCKET_DEFINITIONS, WEBSOCKET_KEYS } from './websocket-schema';

/** Keys of the plain answer, which a WebSocket endpoint has no use for. */
const ANSWER_KEYS = ['response', 'body_file', 'sequence', 'status'] as const;

export function websocketResponder(hub: StreamHub): ResponderDefinition {
  return {
    name: 'websocket',
    keys: WEBSOCKET_KEYS,
    definitions: WEBSOCKET_DEFINITIONS,
    inDefaults: false,
    claims: (def) => (def as { websocket?: unknown }).websocket !== undefined,
    compile(ctx) {
      const def = ctx.def as EndpointDefinition & { websocket?: unknown };
      const issues: ConfigIssue[] = [];
      const at = (pointer: string, message: string): void => {
        const { file, line, col } = ctx.locate(pointer);
        issues.push({ file, line, col, code: ErrorCodes.CONFIG_SCHEMA, message });
      };
      for (const key of ANSWER_KEYS) {
        if (def[key] !== undefined) at(`/${key}`, `websocket and ${key} cannot be combined: a WebSocket endpoint answers over the connection (on_connect, on_message), or set websocket.proxy`);
      }
      if (def.method !== 'GET' && def.method !== 'ANY') at('/method', `a websocket endpoint is matched like a GET: remove method ${def.method}`);
      const compiled = compileWebSocket(def.websocket, ctx.locate);
      if (!compiled.ok) issues.push(...compiled.issues);
      if (issues.length > 0 || !compiled.ok) return { ok: false, issues };
      const websocket = compiled.websocket;
      const refusal = jsonAnswer(426, { error: `${def.name} is a WebSocket endpoint: connect with Upgrade: websocket` }, { upgrade: 'websocket', connection: 'Upgrade' });
      return {
        ok: true,
        value: {
          plain: null,
          respond: (x) => ({ endpoint: x.endpoint, ...refusal, delayMs: 0 }),
          upgrade: (x, io) => {
            // A failure after the handshake began can only end the socket: there is no answer left to give.
            acceptUpgrade(hub, websocket, x, io).catch(() => io.socket.destroy());
          },
        },
      };
    },
  };
}
