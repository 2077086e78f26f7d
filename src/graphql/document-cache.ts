/**
 * Parse + validate + depth check per query text, done once and kept in a bounded cache: a client
 * sends the same few queries again and again, so most requests skip all three.
 */
import {
  type DocumentNode, type GraphQLError, type GraphQLSchema, type ValidationRule,
  GraphQLError as GqlError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { answerSize } from './answer-size';
import { documentDepth } from './query-depth';

/** Refused before parsing: bigger than this many bytes of query text. */
export const MAX_QUERY_BYTES = 100 * 1024;
/** Refused after validation: fields nested deeper than this. */
export const MAX_DEPTH = 15;
/** Refused before running: an answer that would hold more values than this. */
export const MAX_ANSWER_VALUES = 10_000;

export type Prepared = { ok: true; document: DocumentNode } | { ok: false; errors: readonly GraphQLError[] };

export interface DocumentCacheOptions {
  introspection: boolean;
  /** Items in auto-mocked lists: what the size of an answer is estimated with. */
  listLength?: number;
  /** Cached query texts, at most. */
  maxEntries?: number;
  /** Total characters of cached query text, at most. */
  maxChars?: number;
}

const TOO_BIG = refuse(`The query is larger than ${MAX_QUERY_BYTES / 1024} KiB; send a smaller operation.`);

export class DocumentCache {
  private readonly cache: LRUCache<string, Prepared>;
  private readonly rules: readonly ValidationRule[];
  private readonly listLength: number;

  constructor(
    private readonly schema: GraphQLSchema,
    options: DocumentCacheOptions,
  ) {
    this.listLength = options.listLength ?? 2;
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
    const size = answerSize(this.schema, document, this.listLength, MAX_ANSWER_VALUES);
    if (size > MAX_ANSWER_VALUES) {
      return refuse(`The answer would hold more than ${MAX_ANSWER_VALUES.toLocaleString('en-US')} values (lists of ${this.listLength} nested in lists); select fewer nested lists, or lower list_length.`);
    }
    return { ok: true, document };
  }
}

function refuse(message: string): Prepared {
  return { ok: false, errors: [new GqlError(message, { extensions: { code: 'QUERY_REFUSED' } })] };
}
