/** `POST /__sse/NAME/send` with `{event?, id?, data}`: one event written to every open stream of an endpoint. */
import type { LiveRegistry, Narrowing } from '../streams/live-registry';
import { dataText, formatEvent } from './event-format';
import type { LiveStream } from './live-stream';

export type PushEventOutcome = { status: 200; body: { sent: number } } | { status: 400 | 404; body: { error: string } };

export function pushEvent(registry: LiveRegistry<LiveStream>, name: string, known: boolean, body: unknown, narrow: Narrowing = {}): PushEventOutcome {
  if (!known) return { status: 404, body: { error: `no events endpoint is named "${name}" (GET /__endpoints lists them)` } };
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('data' in body)) {
    return { status: 400, body: { error: 'send {"data": …} with optional "event" and "id" as JSON' } };
  }
  const { event, id, data } = body as { event?: unknown; id?: unknown; data: unknown };
  for (const [key, value] of [['event', event], ['id', id]] as const) {
    if (value !== undefined && typeof value !== 'string' && typeof value !== 'number') return { status: 400, body: { error: `"${key}" must be text` } };
  }
  const text = formatEvent({ event: event === undefined ? undefined : String(event), id: id === undefined ? undefined : String(id), data: dataText(data) });
  let sent = 0;
  for (const stream of registry.select(name, narrow)) if (stream.push(text)) sent++;
  return { status: 200, body: { sent } };
}
