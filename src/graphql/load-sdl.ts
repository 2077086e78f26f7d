/** Builds the endpoint's GraphQL schema from SDL (a file or inline), reporting problems at their line and column. */
import { type GraphQLError, type GraphQLSchema, Source, buildASTSchema, parse, validateSchema } from 'graphql';
import { validateSDL } from 'graphql/validation/validate';
import type { Locate } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import { ErrorCodes } from '../errors/codes';
import type { GraphqlSpec, ReadConfigFile } from './graphql-spec';

export type SdlResult = { ok: true; schema: GraphQLSchema; file?: string } | { ok: false; issues: ConfigIssue[] };

interface SdlText {
  text: string;
  /** Where a line/column of the SDL lands in the config folder. */
  place(line: number, col: number, message: string): ConfigIssue;
}

export function loadSdl(spec: GraphqlSpec, locate: Locate, readFile: ReadConfigFile): SdlResult {
  const sdl = sdlText(spec, locate, readFile);
  if ('issues' in sdl) return { ok: false, issues: sdl.issues };

  let errors: readonly GraphQLError[];
  let schema: GraphQLSchema | undefined;
  try {
    const document = parse(new Source(sdl.text), { noLocation: false });
    errors = validateSDL(document);
    if (errors.length === 0) {
      schema = buildASTSchema(document, { assumeValidSDL: true });
      errors = validateSchema(schema);
    }
  } catch (err) {
    errors = [err as GraphQLError];
  }
  if (errors.length > 0) {
    return {
      ok: false,
      issues: errors.map((e) => {
        const at = e.locations?.[0] ?? { line: 1, column: 1 };
        return sdl.place(at.line, at.column, e.message);
      }),
    };
  }
  return { ok: true, schema: schema as GraphQLSchema, file: spec.schema_file };
}

function sdlText(spec: GraphqlSpec, locate: Locate, readFile: ReadConfigFile): SdlText | { issues: ConfigIssue[] } {
  const at = (pointer: string, message: string): ConfigIssue => {
    const { file, line, col } = locate(pointer);
    return { file, line, col, message, code: ErrorCodes.CONFIG_GRAPHQL_SCHEMA };
  };
  const hasFile = typeof spec.schema_file === 'string';
  const hasInline = typeof spec.schema === 'string';
  if (hasFile === hasInline) {
    return { issues: [at('/graphql', 'graphql needs exactly one of schema_file (an SDL file) or schema (inline SDL)')] };
  }
  if (hasInline) {
    const text = spec.schema as string;
    return {
      text,
      // Inline SDL: the key's own position, and the place inside the SDL in words (as templates do).
      place: (line, col, message) => at('/graphql/schema', `schema line ${line}, col ${col}: ${message}`),
    };
  }
  const read = readFile(spec.schema_file as string);
  if (!read.ok) return { issues: [at('/graphql/schema_file', read.message.replace(/^body_file/, 'schema_file'))] };
  const text = typeof read.content === 'string' ? read.content : read.content.toString('utf8');
  return {
    text,
    place: (line, col, message) => ({ file: read.path, line, col, message, code: ErrorCodes.CONFIG_GRAPHQL_SCHEMA }),
  };
}
