/** The plain settings of `graphql`: list_length and introspection. */
import type { Locate } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import { ErrorCodes } from '../errors/codes';
import type { GraphqlSpec } from './graphql-spec';

export const MAX_LIST_LENGTH = 100;

export function checkSettings(spec: GraphqlSpec, locate: Locate): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const report = (pointer: string, message: string): void => {
    const { file, line, col } = locate(pointer);
    issues.push({ file, line, col, message, code: ErrorCodes.CONFIG_GRAPHQL });
  };
  if (spec === null || typeof spec !== 'object') {
    report('/graphql', 'graphql must be an object with schema_file or schema');
    return issues;
  }
  const n = spec.list_length;
  if (n !== undefined && !(Number.isInteger(n) && n >= 0 && n <= MAX_LIST_LENGTH)) {
    report('/graphql/list_length', `graphql.list_length must be a whole number from 0 to ${MAX_LIST_LENGTH} (got ${JSON.stringify(n)})`);
  }
  if (spec.introspection !== undefined && typeof spec.introspection !== 'boolean') {
    report('/graphql/introspection', 'graphql.introspection must be true or false');
  }
  return issues;
}
