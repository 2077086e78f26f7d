/**
 * Compiles an endpoint's `graphql` key once per reload into a responder: GraphQL over HTTP
 * (GET and POST), fixed operations, auto-mocks, persisted queries, and the limits that keep bad
 * input a clear 4xx.
 */
import { type ExecutionResult, getOperationAST } from 'graphql';
import type { Locate } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import { createRandom, deriveSeed } from '../behaviours/random';
import type { RenderEnv, TemplateContext } from '../model/answer';
import { type CompiledOperation, compileOperations } from './compile-operations';
import { AnswerCache, holdsTemplate } from './answer-cache';
import { compileTypeMocks } from './compile-type-mocks';
import { DocumentCache } from './document-cache';
import { type GraphqlAnswer, type OperationType, errorAnswer, jsonAnswer } from './graphql-answer';
import type { GraphqlSpec, ReadConfigFile } from './graphql-spec';
import { checkSettings } from './check-settings';
import { loadSdl } from './load-sdl';
import { pickMediaType } from './media-type';
import { MockEngine } from './mock-engine';
import { PersistedQueries } from './persisted-queries';
import { type GraphqlHttpInput, readGraphqlRequest } from './read-request';
import { type SubscribeRequest, type SubscribeResult, subscriber } from './open-subscription';
import { compileSubscriptions } from './subscriptions';

export interface GraphqlOptions {
  /** The run's seed (`--seed`): the same query and variables get the same mocked answer. */
  seed: number;
  /** The endpoint's name: each endpoint gets mocks of its own. */
  name: string;
}

export interface GraphqlResponder {
  respond(input: GraphqlHttpInput & { ctx?: TemplateContext }, env: RenderEnv): GraphqlAnswer;
  /** Operation names listed in `operations` (metric labels; any other name counts as "other"). */
  readonly operationNames: ReadonlySet<string>;
  /** The SDL file, relative to the config root, when the schema comes from one (it is watched like config). */
  readonly schemaFile?: string;
  /** Opens a subscription (graphql-transport-ws): request errors, or the stream of its events. */
  subscribe(request: SubscribeRequest, ctx: TemplateContext, env: RenderEnv): SubscribeResult;
  /** Back to a fresh start (POST /__reset): failure schedules of the operations. */
  reset(now: number): void;
}

export type { SubscribeRequest, SubscribeResult } from './open-subscription';

export type GraphqlResult = { ok: true; responder: GraphqlResponder } | { ok: false; issues: ConfigIssue[] };

export function compileGraphql(spec: GraphqlSpec, locate: Locate, readFile: ReadConfigFile, options: GraphqlOptions): GraphqlResult {
  const issues: ConfigIssue[] = checkSettings(spec, locate);
  const sdl = loadSdl(spec, locate, readFile);
  if (!sdl.ok) return { ok: false, issues: [...issues, ...sdl.issues] };
  const schema = sdl.schema;
  const typeMocks = compileTypeMocks(spec.mocks, schema, locate, issues);
  const operations = compileOperations(spec.operations, locate, issues);
  const subscriptions = compileSubscriptions(spec.subscriptions, schema, locate, issues);
  if (issues.length > 0) return { ok: false, issues };

  const engine = new MockEngine(schema, typeMocks, spec.list_length ?? 2);
  const documents = new DocumentCache(schema, { introspection: spec.introspection !== false, listLength: spec.list_length ?? 2 });
  const apq = new PersistedQueries();
  const templated = holdsTemplate(spec.mocks) || (spec.operations ?? []).some((o) => holdsTemplate(o?.data) || holdsTemplate(o?.errors));
  const answers = templated ? undefined : new AnswerCache();
  const seedOf = (text: string): number => deriveSeed(options.seed, `${options.name}\u0000${text}`);

  const respond: GraphqlResponder['respond'] = (input, env) => {
    const mediaType = pickMediaType(input.headers.accept);
    const read = readGraphqlRequest(input);
    if (!read.ok) return errorAnswer(read.refusal.status, [{ message: read.refusal.message }], mediaType, undefined, read.refusal.headers);
    const request = read.request;
    const persisted = apq.resolve(request.query, request.extensions);
    if (!persisted.ok) return errorAnswer(persisted.status, [{ message: persisted.message, extensions: { code: persisted.code } }], mediaType);
    const query = persisted.query;
    if (query === undefined || query === '') return errorAnswer(400, [{ message: 'Send a query: {"query": "{ ... }"} in the body, or ?query= on a GET.' }], mediaType);

    const prepared = documents.prepare(query);
    if (!prepared.ok) return jsonAnswer(400, { errors: prepared.errors }, mediaType);
    if (persisted.register) apq.register(persisted.register, query);

    const operation = getOperationAST(prepared.document, request.operationName);
    if (!operation) {
      const message = request.operationName ? `The document has no operation named ${request.operationName}.` : 'The document holds several operations; say which one in operationName.';
      return errorAnswer(400, [{ message }], mediaType);
    }
    const name = operation.name?.value ?? null;
    const tag = { operation: name, type: operation.operation as OperationType };
    if (operation.operation === 'mutation' && request.viaGet) {
      return errorAnswer(405, [{ message: 'Mutations are not allowed over GET; send a POST.' }], mediaType, tag, { allow: 'POST' });
    }
    if (operation.operation === 'subscription') {
      return errorAnswer(400, [{ message: 'Subscriptions are served over WebSocket (graphql-transport-ws) on this path.' }], mediaType, tag);
    }

    const fixed = name === null ? undefined : operations.find(name, request.variables);
    let delayMs = 0;
    if (fixed) {
      delayMs = fixed.latency ? fixed.latency(env.random) : 0;
      if (fixed.schedule?.shouldFail(env.now, env.random)) {
        const failed = injectFailure(fixed, input, env, mediaType, tag, delayMs);
        if (failed) return failed;
      }
    }
    const key = `${query}\u0000${name ?? ''}\u0000${JSON.stringify(request.variables ?? {})}`;
    const cached = answers?.get(key);
    if (cached) return { status: cached.status, headers: { 'content-type': mediaType }, body: cached.body, delayMs, graphql: tag };
    const ctx = input.ctx ?? templateContext(input);
    const scope = { random: createRandom(seedOf(key)), ctx, env };
    const scopedEnv = { now: env.now, random: scope.random };
    const result = fixed?.dataNull
      ? ({ data: null } as ExecutionResult)
      : engine.run({ document: prepared.document, operationName: request.operationName, variables: request.variables, fixed: fixed?.data?.make(ctx, scopedEnv) as Record<string, unknown> | undefined, scope: { ...scope, env: scopedEnv } });
    // Variables that do not coerce are a request error: there is no data at all.
    if (!('data' in result) || result.data === undefined) return jsonAnswer(400, { errors: result.errors }, mediaType, tag);
    const errors = [...((fixed?.errors?.make(ctx, scopedEnv) as unknown[]) ?? []), ...(result.errors ?? [])];
    const answer = jsonAnswer(200, errors.length > 0 ? { errors, data: result.data } : { data: result.data }, mediaType, tag);
    answer.delayMs = delayMs;
    answers?.set(key, { status: 200, body: answer.body });
    return answer;
  };

  const subscribe = subscriber({ schema, apq, documents, engine, operations, subscriptions, seedOf });

  return {
    ok: true,
    responder: {
      respond,
      operationNames: operations.names,
      schemaFile: sdl.file,
      subscribe,
      reset: (now) => operations.reset(now),
    },
  };
}

function injectFailure(op: CompiledOperation, input: GraphqlHttpInput & { ctx?: TemplateContext }, env: RenderEnv, mediaType: string, tag: GraphqlAnswer['graphql'], delayMs: number): GraphqlAnswer | undefined {
  const picked = op.pickFailure(env.random);
  const kind = picked.spec.kind;
  const body = op.failureBodies[picked.index];
  if (kind === 'status' && body) {
    const answer = jsonAnswer(body.status, body.body.make(input.ctx ?? templateContext(input), env), mediaType, tag, body.headers);
    answer.delayMs = delayMs;
    answer.failure = { kind };
    return answer;
  }
  // Faults on the socket: the adapter carries them out; the body is what slow_body/malformed send.
  const answer = errorAnswer(500, [{ message: `failure injected: ${kind}` }], mediaType, tag);
  answer.delayMs = delayMs;
  answer.failure = { kind, durationMs: picked.spec.duration_ms };
  return answer;
}

function templateContext(input: GraphqlHttpInput): TemplateContext {
  return { params: {}, query: input.query as TemplateContext['query'], headers: input.headers as Record<string, string>, body: input.body, method: input.method, path: '' };
}
