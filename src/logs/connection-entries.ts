/**
 * One `/__logs` entry per WebSocket connection (status 101), written when it opens and holding its message
 * log, so the entry shows the last messages at every read while the connection lives and after.
 */
import type { StreamHub } from '../streams/stream-hub';
import { NO_BODY, type RequestLog } from './request-log';

export function logConnections(hub: StreamHub, log: RequestLog, clock: () => number): () => void {
  return hub.listen({
    opened(conn) {
      log.add({
        timeMs: clock(),
        method: 'GET',
        path: conn.path,
        query: conn.query,
        headers: conn.headers,
        logged: NO_BODY,
        endpoint: conn.endpoint,
        status: 101,
        duration_ms: 0,
        latency_ms: 0,
        failure: null,
        session: conn.session,
        answer: null,
        notes: { connection: conn.id, messages: conn.log },
      });
    },
    message: () => undefined,
    closed: () => undefined,
  });
}
