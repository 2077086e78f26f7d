/** Completes (or refuses) the handshake of a matched upgrade whose behaviours let it through, then hosts the connection. */
import WebSocket from 'ws';
import type { Exchange, UpgradeIO } from '../model/pipeline';
import { jsonAnswer } from '../util/json-answer';
import { templateContext } from '../util/template-context';
import type { StreamHub } from '../streams/stream-hub';
import type { StreamContext } from '../streams/stream-context';
import type { CompiledWebSocket } from './compile-websocket';
import { upstreamUrl } from './compile-proxy';
import { hostConnection } from './host-connection';
import type { LiveConnection } from './live-connection';
import { MessageLog } from './message-log';
import { connectUpstream, refuseUpgrade } from './upgrade';

/** What the upgrade came to: a live connection, or an HTTP status the handshake was refused with. */
export type UpgradeOutcome = { conn: LiveConnection } | { refused: number };

function searchOf(x: Exchange): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(x.req.query)) for (const item of Array.isArray(v) ? v : [v]) q.append(k, item);
  const text = q.toString();
  return text === '' ? '' : `?${text}`;
}

export async function acceptUpgrade(hub: StreamHub, compiled: CompiledWebSocket, x: Exchange, io: UpgradeIO, log = new MessageLog()): Promise<UpgradeOutcome> {
  const info = { id: hub.connections.nextId('ws-'), endpoint: x.endpoint, path: x.req.path, session: x.session, log, query: x.req.query, headers: x.req.headers };
  const deps = { registry: hub.connections, observer: hub, timers: hub.timers };
  if (compiled.kind === 'script') {
    const socket = await hub.acceptor.accept(io.req, io.socket, io.head, compiled.script.maxMessageBytes);
    const ctx = templateContext(x) as StreamContext;
    return { conn: hostConnection(socket, info, { kind: 'script', script: compiled.script, ctx, random: x.random.chaos, templateRandom: x.random.template }, deps) };
  }
  const upstream = await connectUpstream(upstreamUrl(compiled.proxy, x.req.path, searchOf(x)), io.req, compiled.proxy.headers);
  if (!(upstream instanceof WebSocket)) {
    const answer = jsonAnswer(upstream.status, { error: upstream.error, upstream: compiled.proxy.base.origin });
    refuseUpgrade(io.socket, upstream.status, answer.headers, answer.body);
    return { refused: upstream.status };
  }
  if (io.socket.destroyed) {
    upstream.terminate();
    return { refused: 499 };
  }
  const socket = await hub.acceptor.accept(io.req, io.socket, io.head, compiled.maxMessageBytes);
  return { conn: hostConnection(socket, info, { kind: 'proxy', upstream, drop: compiled.drop, random: x.random.chaos }, deps) };
}
