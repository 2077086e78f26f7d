/**
 * Parse + validate + depth check per query text, done once and kept in a bounded cache: a client
 * sends the same few queries again and again, so most requests skip all three.
 */
import {
  type DocumentNode, type GraphQLError, type GraphQLSchema, type ValidationRule,
  GraphQLError as GqlError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { documentDepth } from './query-depth';

/** Refused before parsing: bigger than this many bytes of query text. */
export const MAX_QUERY_BYTES = 100 * 1024;
/** Refused after validation: fields nested deeper than this. */
export const MAX_DEPTH = 15;

export type Prepared = { ok: true; document: DocumentNode } | { ok: false; errors: readonly GraphQLError[] };

export interface DocumentCacheOptions {
  introspection: boolean;
  /** Cached query texts, at most. */
  maxEntries?: number;
  /** Total characters of cached query text, at most. */
  maxChars?: number;
}

const TOO_BIG = refuse(`The query is larger than ${MAX_QUERY_BYTES / 1024} KiB; send a smaller operation.`);

export class DocumentCache {
  private readonly cache: LRUCache<string, Prepared>;
  private readonly rules: readonly ValidationRule[];

  constructor(
    private readonly schema: GraphQLSchema,
    options: DocumentCacheOptions,
  ) {
    this.rules = options.introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];
    this.cache = new LRUCache<string, Prepared>({
      max: options.maxEntries ?? 1000,
      maxSize: options.maxChars ?? 8 * 1024 * 1024,
      sizeCalculation: (_v, key) => key.length + 1,
    });
  }

  get size(): number {
    return this.cache.size;
  }

  prepare(query: string): Prepared {
    if (query.length > MAX_QUERY_BYTES || Buffer.byteLength(query, 'utf8') > MAX_QUERY_BYTES) return TOO_BIG;
    const hit = this.cache.get(query);
    if (hit) return hit;
    const prepared = this.compute(query);
    this.cache.set(query, prepared);
    return prepared;
  }

  private compute(query: string): Prepared {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: 50_000 });
    } catch (err) {
      return { ok: false, errors: [err as GraphQLError] };
    }
    const errors = validate(this.schema, document, this.rules, { maxErrors: 50 });
    if (errors.length > 0) return { ok: false, errors };
    const { depth, operation } = documentDepth(document);
    if (depth > MAX_DEPTH) {
      const name = operation?.name ? ` ${operation.name.value}` : '';
      return refuse(`The operation${name} nests fields ${depth} levels deep; at most ${MAX_DEPTH} are allowed.`);
    }
    return { ok: true, document };
  }
}

function refuse(message: string): Prepared {
  return { ok: false, errors: [new GqlError(message, { extensions: { code: 'QUERY_REFUSED' } })] };
}
