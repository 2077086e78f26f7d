/**
 * The `upgrade` listener: an upgrade request (WebSocket) is matched like a GET and goes through the same
 * behaviour stages; then a responder that takes upgrades (websocket, graphql subscriptions) gets the socket.
 * The adapter carries the decision out; it never makes one.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Registry } from '../registry/registry';
import type { Logger } from '../server/logger';
import type { ResponsePlan } from '../model/response-plan';
import { createExchange, notFoundPlan, runBehaviours } from '../engine/handle-request';
import type { InFlight } from './in-flight';
import { toMockRequest } from './to-mock-request';
import { delayOf } from '../util/delay';

export interface UpgradeDeps {
  registry: Registry;
  logger: Logger;
  inFlight: InFlight;
  clock: () => number;
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 426: 'Upgrade Required', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable' };

/** Writes a whole HTTP/1.1 answer on a socket that was never handed to the HTTP server's response machinery. */
export function writeRawAnswer(socket: Duplex, plan: Pick<ResponsePlan, 'status' | 'headers' | 'body'>): void {
  const body = Buffer.isBuffer(plan.body) ? plan.body : Buffer.alloc(0);
  const lines = [`HTTP/1.1 ${plan.status} ${REASONS[plan.status] ?? 'Error'}`];
  const headers = { ...plan.headers, 'content-length': String(body.length), connection: 'close' };
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  socket.end(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), body]));
}

export function createUpgradeListener(deps: UpgradeDeps) {
  return function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', (err) => deps.logger.debug({ err }, 'upgrade socket error'));
    const set = deps.registry.current;
    const mock = toMockRequest(req, undefined);
    const hit = set.matcher.match({ ...mock, method: 'GET' });
    const ep = hit?.endpoint;
    if (!hit || !ep?.responder.upgrade) {
      const plan = hit ? { status: 426, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from(JSON.stringify({ error: `${ep?.name} does not take upgrades` })) } : notFoundPlan(set, mock);
      writeRawAnswer(socket, plan);
      return;
    }
    const x = createExchange(set, ep, mock, hit.params, deps.clock());
    const proceed = async (): Promise<void> => {
      const early = await runBehaviours(ep, x);
      const delayMs = early ? early.delayMs : delayOf(x);
      if (delayMs > 0) await deps.inFlight.sleep(delayMs);
      const kind = early?.failure?.kind ?? x.fault?.kind;
      if (kind === 'reset' || kind === 'malformed') return void socket.destroy();
      if (kind === 'empty') return void socket.end();
      if (kind === 'timeout') return; // never answered: the client gives up
      if (early) return writeRawAnswer(socket, early);
      ep.responder.upgrade!(x, { req, socket, head });
    };
    proceed().catch((err) => {
      deps.logger.error({ err, endpoint: ep.name }, 'upgrade failed inside mockdock');
      if (!socket.destroyed) writeRawAnswer(socket, { status: 500, headers: {}, body: Buffer.from('{"error":"internal error in mockdock"}') });
    });
  };
}
