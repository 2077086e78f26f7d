/** `POST /__ws/NAME/send`: one message (JSON or text) to the open connections of an endpoint, narrowed by session or id. */
import type { LiveRegistry, Narrowing } from '../streams/live-registry';
import type { LiveConnection } from './live-connection';

export type PushOutcome = { status: 200; body: { sent: number } } | { status: 400 | 404; body: { error: string } };

/**
 * `body` is the parsed request body; `raw` its text. A JSON body is sent as compact JSON text, a text
 * body as it is. `known` tells whether NAME is a websocket endpoint in force (404 otherwise).
 */
export function pushMessage(registry: LiveRegistry<LiveConnection>, name: string, known: boolean, body: unknown, raw: string | undefined, narrow: Narrowing): PushOutcome {
  if (!known) return { status: 404, body: { error: `no websocket endpoint is named "${name}" (GET /__endpoints lists them)` } };
  const text = raw !== undefined && raw !== '' ? raw : typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
  if (text === '') return { status: 400, body: { error: 'send a message as the request body (JSON or text)' } };
  const wire = Buffer.from(text);
  let sent = 0;
  for (const conn of registry.select(name, narrow)) if (conn.send(text, false, wire)) sent++;
  return { status: 200, body: { sent } };
}
