/** Runs an accepted WebSocket: a compiled script, or frames passed both ways to an upstream; registered while open. */
import type WebSocket from 'ws';
import type { Random } from '../model/clock';
import type { Timers } from '../model/timers';
import type { LiveRegistry } from '../streams/live-registry';
import type { StreamContext } from '../streams/stream-context';
import type { CompiledDrop, CompiledScript } from './compiled-script';
import { isSendableCloseCode } from './compile-websocket';
import { ConnectionSession } from './connection-session';
import { DropFault } from './drop-fault';
import { type ConnectionInfo, type ConnectionObserver, LiveConnection } from './live-connection';

export interface HostDeps {
  registry: LiveRegistry<LiveConnection>;
  observer: ConnectionObserver;
  timers: Timers;
}

export type HostPlan =
  | { kind: 'script'; script: CompiledScript; ctx: StreamContext; random: Random; templateRandom?: Random }
  | { kind: 'proxy'; upstream: WebSocket; drop: CompiledDrop | null; random: Random };

export function hostConnection(socket: WebSocket, info: ConnectionInfo, plan: HostPlan, deps: HostDeps): LiveConnection {
  const conn = new LiveConnection(socket, info, deps.observer, deps.timers.now);
  deps.registry.add(conn);
  deps.observer.opened(conn);
  let stop: () => void;
  let onMessage: (data: Buffer, binary: boolean) => void;
  if (plan.kind === 'script') {
    const session = new ConnectionSession(plan.script, conn, { ctx: plan.ctx, random: plan.random, templateRandom: plan.templateRandom, timers: deps.timers });
    onMessage = (data, binary) => session.receive(data, binary);
    stop = () => session.stop();
    session.start();
  } else {
    ({ onMessage, stop } = pipe(conn, plan.upstream, new DropFault(plan.drop, plan.random), deps.timers));
  }
  socket.on('message', (data: Buffer, binary: boolean) => {
    conn.received(data, binary);
    onMessage(data, binary);
  });
  // A protocol error or an oversized message: ws closes the connection itself (1002, 1009) and 'close' follows.
  socket.on('error', () => undefined);
  socket.once('close', (code: number) => {
    stop();
    deps.registry.remove(conn);
    deps.observer.closed(conn, code);
  });
  return conn;
}

/** Frames both ways; closes travel across, drops end both sides. */
function pipe(conn: LiveConnection, upstream: WebSocket, drop: DropFault, timers: Timers) {
  const endBoth = (): void => {
    upstream.terminate();
    conn.terminate();
  };
  drop.start(timers, endBoth);
  upstream.on('message', (data: Buffer, binary: boolean) => conn.send(data, binary));
  upstream.on('error', () => undefined);
  upstream.once('close', (code: number, reason: Buffer) => {
    if (isSendableCloseCode(code)) conn.close(code, reason.toString());
    else if (code === 1005) conn.close(1000, '');
    else conn.terminate();
  });
  upstream.resume();
  return {
    onMessage: (data: Buffer, binary: boolean): void => {
      if (drop.onMessage()) return endBoth();
      if (upstream.readyState === 1) upstream.send(data, { binary });
    },
    stop: (): void => {
      drop.stop(timers);
      if (upstream.readyState === 0 || upstream.readyState === 1) upstream.close(1000);
    },
  };
}
