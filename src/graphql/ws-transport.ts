/**
 * graphql-transport-ws (the graphql-ws protocol) on a GraphQL endpoint's own path: the server's
 * upgrade hook hands over the socket together with the endpoint's responder, and graphql-ws runs
 * the protocol while the responder decides every answer.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ExecutionResult, GraphQLError } from 'graphql';
import { type WebSocket, WebSocketServer } from 'ws';
import { handleProtocols, makeServer } from 'graphql-ws';
import type { RenderEnv, TemplateContext } from '../model/answer';
import type { GraphqlResponder } from './compile-graphql';
import type { GraphqlAnswer } from './graphql-answer';

export interface GraphqlSocketOptions {
  responder: GraphqlResponder;
  /** The upgrade request as templates see it. */
  ctx: TemplateContext;
  /** Time and randomness for each operation. */
  env: () => RenderEnv;
  /** Called once per operation the client starts (logs and metrics). */
  onOperation?: (graphql: GraphqlAnswer['graphql']) => void;
}

export class GraphqlWsTransport {
  private readonly wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => handleProtocols(protocols) || false });
  private readonly sockets = new Set<WebSocket>();

  /** Completes the WebSocket handshake on `socket` and serves graphql-transport-ws on it. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, options: GraphqlSocketOptions): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.serve(ws, options));
  }

  /** Closes every open socket with 1001 (going away): their subscriptions stop. */
  close(): void {
    for (const ws of this.sockets) ws.close(1001, 'Going away');
    this.sockets.clear();
  }

  get open(): number {
    return this.sockets.size;
  }

  private serve(ws: WebSocket, options: GraphqlSocketOptions): void {
    this.sockets.add(ws);
    const server = makeServer<Record<string, unknown> | undefined, { ws: WebSocket }>({
      onSubscribe: (_ctx, _id, payload) => {
        const opened = options.responder.subscribe(payload, options.ctx, options.env());
        options.onOperation?.(opened.graphql);
        if (!opened.ok) return opened.errors.map((e) => (e instanceof GraphQLError ? e : new GraphQLError(e.message)));
        return {
          schema: opened.schema,
          document: opened.document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: opened.events,
        };
      },
      // The responder already built the answer stream; graphql-ws only carries it.
      execute: (args) => args.contextValue as AsyncIterableIterator<ExecutionResult>,
      subscribe: (args) => args.contextValue as AsyncIterableIterator<ExecutionResult>,
    });
    const closed = server.opened(
      {
        protocol: ws.protocol,
        send: (data) => new Promise<void>((resolve, reject) => {
          if (ws.readyState !== ws.OPEN) return resolve();
          ws.send(data, (err) => (err ? reject(err) : resolve()));
        }),
        close: (code, reason) => ws.close(code, reason),
        onMessage: (cb) => {
          ws.on('message', (data) => {
            cb(String(data)).catch(() => ws.close(4500, 'Internal server error'));
          });
        },
      },
      { ws },
    );
    ws.once('error', () => ws.terminate());
    ws.once('close', (code, reason) => {
      this.sockets.delete(ws);
      void closed(code, String(reason));
    });
  }
}
