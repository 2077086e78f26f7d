/**
 * The mocks handed to @graphql-tools/mock: every scalar, enum and abstract type draws from the
 * request's seeded random source (so `--seed` repeats answers), the config's `mocks` override per
 * type, and list fields get `list_length` items.
 */
import {
  type GraphQLNamedType, type GraphQLSchema, type GraphQLType,
  getNullableType, isAbstractType, isEnumType, isInterfaceType, isListType, isObjectType, isScalarType,
} from 'graphql';
import type { IMocks } from '@graphql-tools/mock';
import type { Random } from '../model/clock';
import type { RenderEnv, TemplateContext } from '../model/answer';
import { uuidFrom } from '../response/template-helpers';
import type { ValueMaker } from './compile-value';

/** What one execution draws from: set before it runs, read by the mocks while it runs (synchronously). */
export interface MockScope {
  random: Random;
  ctx: TemplateContext;
  env: RenderEnv;
}

/** `mocks` from the config: a maker per scalar/enum type, or per field of an object/interface type. */
export type TypeMocks = Map<string, ValueMaker | Map<string, ValueMaker>>;

const DEFAULT_SCALARS: Record<string, (random: Random) => unknown> = {
  Int: (r) => Math.floor(r() * 201) - 100,
  Float: (r) => Math.round((r() * 200 - 100) * 100) / 100,
  Boolean: (r) => r() < 0.5,
  String: () => 'Hello World',
  ID: (r) => uuidFrom(r),
};

const isUserType = (t: GraphQLNamedType): boolean => !t.name.startsWith('__');

export function buildMocks(schema: GraphQLSchema, typeMocks: TypeMocks, listLength: number, scope: () => MockScope): IMocks {
  const mocks: Record<string, unknown> = {};
  const draw = (): number => scope().random();
  const run = (maker: ValueMaker) => () => {
    const s = scope();
    return maker(s.ctx, s.env);
  };

  for (const type of Object.values(schema.getTypeMap()).filter(isUserType)) {
    const own = typeMocks.get(type.name);
    if (isScalarType(type)) {
      const fallback = DEFAULT_SCALARS[type.name] ?? (() => 'Hello World');
      mocks[type.name] = typeof own === 'function' ? run(own) : () => fallback(draw);
    } else if (isEnumType(type)) {
      const values = type.getValues().map((v) => v.value);
      mocks[type.name] = typeof own === 'function' ? run(own) : () => values[Math.floor(draw() * values.length)];
    } else if (isObjectType(type) || isInterfaceType(type)) {
      const fields: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        const given = own instanceof Map ? own.get(field.name) : undefined;
        if (given) fields[field.name] = run(given);
        else if (isListType(getNullableType(field.type))) fields[field.name] = () => emptyList(field.type, listLength);
      }
      if (isInterfaceType(type)) fields.__typename = pickType(schema, type, draw);
      mocks[type.name] = fields;
    } else if (isAbstractType(type)) {
      mocks[type.name] = { __typename: pickType(schema, type, draw) };
    }
  }
  return mocks as IMocks;
}

/** A list of `length` holes (nested lists too): the store fills each hole with a mocked item. */
function emptyList(type: GraphQLType, length: number): unknown {
  const inner = getNullableType(type);
  if (!isListType(inner)) return undefined;
  return Array.from({ length }, () => emptyList(inner.ofType, length));
}

function pickType(schema: GraphQLSchema, type: Parameters<GraphQLSchema['getPossibleTypes']>[0], draw: () => number): () => string {
  const names = schema.getPossibleTypes(type).map((t) => t.name);
  return () => names[Math.floor(draw() * names.length)];
}
