/** The JSON Schema of the `graphql` endpoint key (merged into the config schema, for `validate` and editors). */
import type { SchemaFragment } from '../model/pipeline';

export const GRAPHQL_DEFINITIONS: Record<string, SchemaFragment> = {
  graphql: {
    title: 'GraphQL',
    description: 'Answers GraphQL over HTTP (GET and POST) and graphql-transport-ws subscriptions on this path, from a schema: auto-mocks, fixed operations, errors. Give schema_file or schema.',
    type: 'object',
    additionalProperties: false,
    properties: {
      schema_file: { description: 'SDL file, relative to the config folder.', type: 'string', minLength: 1, examples: ['schema.graphql'] },
      schema: { description: 'Inline SDL.', type: 'string', minLength: 1 },
      mocks: {
        description: "Per type: a scalar or enum type's value (Int: 42), or an object type's field values (User: {name: \"{{faker 'person.fullName'}}\"}). Strings are templates.",
        type: 'object',
        additionalProperties: true,
      },
      list_length: { description: 'Items in auto-mocked lists. Default: 2.', type: 'integer', minimum: 0, maximum: 100, default: 2 },
      operations: { type: 'array', items: { $ref: '#/definitions/graphqlOperation' } },
      subscriptions: { type: 'array', items: { $ref: '#/definitions/graphqlSubscription' } },
      introspection: { description: 'false refuses __schema and __type queries. Default: true.', type: 'boolean', default: true },
    },
  },
  graphqlOperation: {
    title: 'GraphQL operation',
    description: 'A fixed answer for the operation of this name whose variables contain `variables`: `data` (partial data is completed by the auto-mocks) and/or `errors`.',
    type: 'object',
    additionalProperties: false,
    required: ['operation'],
    properties: {
      operation: { description: 'The operation name the client sends.', type: 'string', minLength: 1 },
      variables: { description: 'Partial deep-equal against the request variables.', type: 'object' },
      data: { description: "The answer's data object (keyed by field names or aliases); null with errors.", type: ['object', 'null'] },
      errors: {
        description: 'GraphQL errors sent in the answer.',
        type: 'array',
        items: { type: 'object', required: ['message'], properties: { message: { type: 'string' } } },
      },
      latency_ms: { $ref: '#/definitions/latency' },
      failure_rate: { $ref: '#/definitions/failureRate' },
      failure: { $ref: '#/definitions/failure' },
    },
  },
  graphqlSubscription: {
    title: 'GraphQL subscription',
    description: 'Events of a Subscription root field: one every every_ms, `data` completed by the auto-mocks, `times` events then complete.',
    type: 'object',
    additionalProperties: false,
    required: ['subscription'],
    properties: {
      subscription: { description: 'A root field of the Subscription type.', type: 'string', minLength: 1 },
      every_ms: { description: 'Milliseconds between events. Default: 1000.', type: 'number', minimum: 1, default: 1000 },
      data: { description: 'The whole data object of each event.', type: 'object' },
      times: { description: 'Events before the subscription completes; without it, until the client stops.', type: 'integer', minimum: 1 },
    },
  },
};
