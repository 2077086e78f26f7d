/**
 * Runs one operation against the schema with auto-mocks, optionally on top of fixed data: what
 * the fixed data holds is answered as given, every other field is mocked (partial data completed).
 * Execution is synchronous, so one mock store serves every request in turn (emptied before each).
 */
import {
  type DocumentNode, type ExecutionResult, type GraphQLFieldResolver, type GraphQLOutputType, type GraphQLSchema,
  executeSync, getNamedType, isAbstractType, isCompositeType, isInterfaceType, isObjectType,
} from 'graphql';
import { type IMockStore, addMocksToSchema, createMockStore } from '@graphql-tools/mock';
import type { TypeMocks } from './seeded-mocks';
import { type MockScope, buildMocks } from './seeded-mocks';

const hasOwn = Object.prototype.hasOwnProperty;

/** Part of the answer given by the config; fields it lacks are mocked. */
class Fixed {
  ref?: unknown;
  constructor(
    readonly data: Record<string, unknown>,
    readonly __typename?: string,
  ) {}
}

export interface RunArgs {
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  /** The fixed `data` of a matched operation (or a subscription event), if any. */
  fixed?: Record<string, unknown>;
  scope: MockScope;
}

export class MockEngine {
  private readonly mocked: GraphQLSchema;
  private readonly store: IMockStore;
  private current: MockScope | undefined;

  constructor(
    private readonly schema: GraphQLSchema,
    typeMocks: TypeMocks,
    listLength: number,
  ) {
    const scope = (): MockScope => this.current as MockScope;
    this.store = createMockStore({ schema, mocks: buildMocks(schema, typeMocks, listLength, scope), typePolicies: keyFields(schema) });
    this.mocked = addMocksToSchema({ schema, store: this.store });
    this.answerFixedFirst();
  }

  run(args: RunArgs): ExecutionResult {
    this.current = args.scope;
    this.store.reset();
    try {
      return executeSync({
        schema: this.mocked,
        document: args.document,
        operationName: args.operationName ?? undefined,
        variableValues: args.variables ?? undefined,
        rootValue: args.fixed ? new Fixed(args.fixed) : undefined,
      });
    } finally {
      this.current = undefined;
      this.store.reset();
    }
  }

  /** Wraps every field's mock resolver: a value present in the fixed data wins. */
  private answerFixedFirst(): void {
    const store = this.store;
    const schema = this.schema;
    const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean).map((t) => t!.name));
    for (const type of Object.values(this.mocked.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      const isRoot = roots.has(type.name);
      for (const field of Object.values(type.getFields())) {
        const mock = field.resolve as GraphQLFieldResolver<unknown, unknown>;
        field.resolve = (source, args, ctx, info) => {
          if (!(source instanceof Fixed)) return mock(source, args, ctx, info);
          const key = info.path.key as string;
          let value = hasOwn.call(source.data, key) ? source.data[key] : undefined;
          if (value === undefined && key !== info.fieldName && hasOwn.call(source.data, info.fieldName)) value = source.data[info.fieldName];
          if (value !== undefined) return wrap(value, info.returnType, schema);
          // Missing: a root field is mocked as usual; an object's field through a store entry of its own.
          if (isRoot) return mock(undefined, args, ctx, info);
          source.ref ??= store.get({ typeName: type.name });
          return mock(source.ref, args, ctx, info);
        };
      }
    }
  }
}

/** The store's key field per type, worked out once (the store would scan the fields on every call). */
function keyFields(schema: GraphQLSchema): Record<string, { keyFieldName: string | false }> {
  const out: Record<string, { keyFieldName: string | false }> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    const fields = type.getFields();
    out[type.name] = { keyFieldName: 'id' in fields ? 'id' : '_id' in fields ? '_id' : false };
  }
  return out;
}

function wrap(value: unknown, type: GraphQLOutputType, schema: GraphQLSchema): unknown {
  const named = getNamedType(type);
  if (!isCompositeType(named) || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => wrap(item, type, schema));
  if (typeof value !== 'object') return value;
  const data = value as Record<string, unknown>;
  let typename = typeof data.__typename === 'string' ? data.__typename : undefined;
  if (typename === undefined && isAbstractType(named)) typename = schema.getPossibleTypes(named)[0]?.name;
  return new Fixed(data, typename);
}
