/** What the GraphQL responder answers: an HTTP answer plus the operation it served, for logs and metrics. */
import type { FailureKind } from '../model/endpoint';
import { LEGACY_JSON } from './media-type';

export type OperationType = 'query' | 'mutation' | 'subscription';

export interface GraphqlAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Wait this long before answering (the operation's `latency_ms`). */
  delayMs: number;
  /** Set when the operation's `failure_rate` chose a fault carried out on the socket. */
  failure?: { kind: FailureKind; durationMs?: number };
  /** The operation served: its name (null when anonymous or unreadable) and type (null when it did not parse). */
  graphql: { operation: string | null; type: OperationType | null };
}

export function jsonAnswer(
  status: number,
  value: unknown,
  mediaType: string = LEGACY_JSON,
  graphql: GraphqlAnswer['graphql'] = { operation: null, type: null },
  extra?: Record<string, string>,
): GraphqlAnswer {
  const body = Buffer.from(JSON.stringify(value));
  return { status, headers: { 'content-type': mediaType, ...extra }, body, delayMs: 0, graphql };
}

/** A request error: one or more GraphQL errors and no data. */
export function errorAnswer(status: number, messages: Array<{ message: string; extensions?: Record<string, unknown> }>, mediaType?: string, graphql?: GraphqlAnswer['graphql'], extra?: Record<string, string>): GraphqlAnswer {
  return jsonAnswer(status, { errors: messages }, mediaType, graphql, extra);
}
