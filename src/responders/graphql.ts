/**
 * The `graphql` responder: GraphQL over HTTP on the endpoint's path, and graphql-transport-ws
 * subscriptions when the path is upgraded. The engine (src/graphql/) decides every answer; this
 * file fits it into the pipeline: log note, metric label, per-operation latency and faults.
 */
import type { ResponderDefinition } from '../model/pipeline';
import type { ResponsePlan } from '../model/response-plan';
import { COUNTED_AS, type GraphqlNote } from '../model/graphql-note';
import { templateContext } from '../util/template-context';
import { withContentLength } from '../util/content-length';
import type { GraphqlSpec } from '../graphql/graphql-spec';
import { GRAPHQL_DEFINITIONS } from '../graphql/graphql-schema';

type Engine = typeof import('../graphql/compile-graphql');
type Transport = typeof import('../graphql/ws-transport');

/**
 * graphql-js, the mocks and graphql-ws are loaded with the first graphql endpoint (a static `require`
 * the bundler can follow), so a config without one never pays their start-up time or memory.
 */
function load(): Engine & Transport {
  return { ...(require('../graphql/compile-graphql') as Engine), ...(require('../graphql/ws-transport') as Transport) };
}

const noFiles = (path: string) => ({ ok: false as const, message: `schema_file ${JSON.stringify(path)} cannot be read here` });

export const graphqlResponder: ResponderDefinition = {
  name: 'graphql',
  keys: { graphql: { $ref: '#/definitions/graphql' } },
  definitions: GRAPHQL_DEFINITIONS,
  inDefaults: false,
  claims: (def) => (def as { graphql?: unknown }).graphql !== undefined,
  compile(ctx) {
    const spec = (ctx.def as { graphql?: GraphqlSpec }).graphql as GraphqlSpec;
    const { compileGraphql, GraphqlWsTransport } = load();
    const compiled = compileGraphql(spec, ctx.locate, ctx.loaded.readFile ?? noFiles, { seed: ctx.seed, name: ctx.def.name });
    if (!compiled.ok) return compiled;
    const engine = compiled.responder;
    const note = ({ operation, type }: { operation: string | null; type: string | null }): GraphqlNote => {
      const out: GraphqlNote = { operation, type };
      if (type !== null) out[COUNTED_AS] = operation !== null && engine.operationNames.has(operation) ? operation : 'other';
      return out;
    };
    const transport = new GraphqlWsTransport();
    return {
      ok: true,
      value: {
        plain: null,
        files: engine.schemaFile ? [engine.schemaFile] : [],
        respond(x): ResponsePlan {
          const answer = engine.respond(
            // an application/graphql body is not a type mockdock parses: its bytes are the query
            { method: x.req.method, query: x.req.query, headers: x.req.headers, body: x.req.body ?? x.req.raw, ctx: templateContext(x) },
            { now: x.now, random: x.random.chaos },
          );
          if (x.notes === null) x.notes = { graphql: note(answer.graphql) };
          else x.notes.graphql = note(answer.graphql);
          if (answer.delayMs > 0) {
            const base = x.latency;
            const own = answer.delayMs;
            x.latency = (random) => (base ? base(random) : 0) + own;
          }
          if (answer.failure && answer.failure.kind !== 'status') x.fault = answer.failure;
          const headers = withContentLength(answer.status, answer.headers, answer.body);
          const plan: ResponsePlan = { endpoint: x.endpoint, status: answer.status, headers, body: answer.body, delayMs: 0 };
          if (answer.failure?.kind === 'status') plan.failure = { kind: 'status' };
          return plan;
        },
        upgrade(x, io) {
          transport.upgrade(io.req, io.socket, io.head, { responder: engine, ctx: templateContext(x), env: () => ({ now: x.now, random: x.random.chaos }) });
        },
        close: () => transport.close(),
      },
    };
  },
};
