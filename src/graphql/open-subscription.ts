/** Operations over graphql-transport-ws: a subscription becomes a stream of events, a query or mutation one answer. */
import { type DocumentNode, type ExecutionResult, type GraphQLSchema, getOperationAST } from 'graphql';
import type { RenderEnv, TemplateContext } from '../model/answer';
import { createRandom } from '../behaviours/random';
import type { OperationTable } from './compile-operations';
import type { DocumentCache } from './document-cache';
import type { GraphqlAnswer, OperationType } from './graphql-answer';
import type { MockEngine } from './mock-engine';
import type { PersistedQueries } from './persisted-queries';
import { type SubscriptionTable, eventStream, rootField } from './subscriptions';

export interface SubscribeRequest {
  query?: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
}

export type SubscribeResult =
  | { ok: true; events: AsyncIterableIterator<ExecutionResult>; graphql: GraphqlAnswer['graphql']; schema: GraphQLSchema; document: DocumentNode }
  | { ok: false; errors: ReadonlyArray<{ message: string }>; graphql: GraphqlAnswer['graphql'] };

export interface SubscriberDeps {
  schema: GraphQLSchema;
  apq: PersistedQueries;
  documents: DocumentCache;
  engine: MockEngine;
  operations: OperationTable;
  subscriptions: SubscriptionTable;
  /** The seed of one query text (with its variables). */
  seedOf(text: string): number;
}

const NONE: GraphqlAnswer['graphql'] = { operation: null, type: null };

export function subscriber(deps: SubscriberDeps) {
  const { schema, apq, documents, engine, operations, subscriptions } = deps;
  return (request: SubscribeRequest, ctx: TemplateContext, env: RenderEnv): SubscribeResult => {
    const persisted = apq.resolve(request.query, request.extensions ?? undefined);
    if (!persisted.ok) return { ok: false, errors: [{ message: persisted.message }], graphql: NONE };
    if (!persisted.query) return { ok: false, errors: [{ message: 'Send a query.' }], graphql: NONE };
    const prepared = documents.prepare(persisted.query);
    if (!prepared.ok) return { ok: false, errors: prepared.errors, graphql: NONE };
    if (persisted.register) apq.register(persisted.register, persisted.query);
    const operation = getOperationAST(prepared.document, request.operationName);
    if (!operation) return { ok: false, errors: [{ message: 'Say which operation to run in operationName.' }], graphql: NONE };
    const tag = { operation: operation.name?.value ?? null, type: operation.operation as OperationType };
    const variables = request.variables ?? undefined;
    const random = createRandom(deps.seedOf(`${persisted.query}\u0000${tag.operation ?? ''}\u0000${JSON.stringify(variables ?? {})}`));
    const scope = { random, ctx, env: { now: env.now, random } };
    const run = (fixed?: Record<string, unknown>): ExecutionResult =>
      engine.run({ document: prepared.document, operationName: request.operationName, variables, fixed, scope });
    const found = { ok: true as const, graphql: tag, schema, document: prepared.document };
    if (operation.operation !== 'subscription') {
      // Queries and mutations over the socket get one answer, then complete.
      const fixed = operations.find(tag.operation ?? undefined, variables)?.data?.make(ctx, scope.env) as Record<string, unknown> | undefined;
      return { ...found, events: once(run(fixed)) };
    }
    const entry = subscriptions.find(rootField(operation, prepared.document) ?? '');
    return { ...found, events: eventStream(entry, run, scope) };
  };
}

async function* once(result: ExecutionResult): AsyncIterableIterator<ExecutionResult> {
  yield result;
}
