/** `mocks`: checks each entry against the schema (types and fields that exist) and compiles its templates. */
import { type GraphQLSchema, isEnumType, isInterfaceType, isObjectType, isScalarType } from 'graphql';
import type { Locate } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import { ErrorCodes } from '../errors/codes';
import { compileValue } from './compile-value';
import type { TypeMocks } from './seeded-mocks';

export function compileTypeMocks(mocks: Record<string, unknown> | undefined, schema: GraphQLSchema, locate: Locate, issues: ConfigIssue[]): TypeMocks {
  const out: TypeMocks = new Map();
  const report = (pointer: string, message: string): void => {
    const { file, line, col } = locate(pointer);
    issues.push({ file, line, col, message, code: ErrorCodes.CONFIG_GRAPHQL });
  };
  if (mocks === undefined) return out;
  if (mocks === null || typeof mocks !== 'object' || Array.isArray(mocks)) {
    report('/graphql/mocks', 'graphql.mocks must map type names to values');
    return out;
  }
  for (const [typeName, value] of Object.entries(mocks)) {
    const pointer = `/graphql/mocks/${typeName}`;
    const type = schema.getType(typeName);
    if (!type || typeName.startsWith('__')) {
      report(pointer, `graphql.mocks names the type ${typeName}, which the schema does not define`);
      continue;
    }
    if (isScalarType(type) || isEnumType(type)) {
      if (value !== null && typeof value === 'object') {
        report(pointer, `graphql.mocks.${typeName} must be one value (${typeName} is a ${isEnumType(type) ? 'enum' : 'scalar'} type)`);
        continue;
      }
      if (isEnumType(type) && typeof value === 'string' && !value.includes('{{') && !type.getValue(value)) {
        report(pointer, `graphql.mocks.${typeName} is ${JSON.stringify(value)}, not one of ${type.getValues().map((v) => v.name).join(', ')}`);
        continue;
      }
      out.set(typeName, compileValue(value, pointer, locate, issues).make);
      continue;
    }
    if (!isObjectType(type) && !isInterfaceType(type)) {
      report(pointer, `graphql.mocks.${typeName}: ${typeName} is a union or input type; mock its member object types instead`);
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      report(pointer, `graphql.mocks.${typeName} must map fields of ${typeName} to values, e.g. { name: "Ann" }`);
      continue;
    }
    const fields = type.getFields();
    const makers = new Map<string, ReturnType<typeof compileValue>['make']>();
    for (const [fieldName, fieldValue] of Object.entries(value)) {
      if (!fields[fieldName]) {
        report(`${pointer}/${fieldName}`, `graphql.mocks.${typeName}.${fieldName}: ${typeName} has no field ${fieldName} (it has ${Object.keys(fields).join(', ')})`);
        continue;
      }
      makers.set(fieldName, compileValue(fieldValue, `${pointer}/${fieldName}`, locate, issues).make);
    }
    out.set(typeName, makers);
  }
  return out;
}
