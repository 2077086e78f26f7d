/**
 * `subscriptions`: each subscription root field sends an event every `every_ms`, its data fixed
 * by the config and completed by the auto-mocks, and completes after `times` events.
 */
import { type DocumentNode, type ExecutionResult, type FragmentDefinitionNode, type GraphQLSchema, Kind, type OperationDefinitionNode } from 'graphql';
import type { Locate } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import { ErrorCodes } from '../errors/codes';
import { type CompiledValue, compileValue } from './compile-value';
import type { GraphqlSubscriptionSpec } from './graphql-spec';
import type { MockScope } from './seeded-mocks';

export interface CompiledSubscription {
  field: string;
  everyMs: number;
  /** Undefined: events until the client stops. */
  times?: number;
  data?: CompiledValue;
}

export interface SubscriptionTable {
  /** The entry for a root field; a field the config does not list gets mocked events every second. */
  find(field: string): CompiledSubscription;
}

export const DEFAULT_EVERY_MS = 1000;

export function compileSubscriptions(specs: GraphqlSubscriptionSpec[] | undefined, schema: GraphQLSchema, locate: Locate, issues: ConfigIssue[]): SubscriptionTable {
  const byField = new Map<string, CompiledSubscription>();
  const report = (pointer: string, message: string): void => {
    const { file, line, col } = locate(pointer);
    issues.push({ file, line, col, message, code: ErrorCodes.CONFIG_GRAPHQL });
  };
  const fields = schema.getSubscriptionType()?.getFields() ?? {};
  (specs ?? []).forEach((spec, i) => {
    const base = `/graphql/subscriptions/${i}`;
    if (!fields[spec.subscription]) {
      const known = Object.keys(fields);
      report(`${base}/subscription`, `subscription ${JSON.stringify(spec.subscription)} is not a field of the schema's Subscription type${known.length > 0 ? ` (it has ${known.join(', ')})` : ' (the schema has none)'}`);
      return;
    }
    if (spec.every_ms !== undefined && !(typeof spec.every_ms === 'number' && spec.every_ms >= 1)) {
      report(`${base}/every_ms`, `every_ms must be a number of milliseconds >= 1 (got ${JSON.stringify(spec.every_ms)})`);
    }
    if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times >= 1)) {
      report(`${base}/times`, `times must be a whole number >= 1 (got ${JSON.stringify(spec.times)})`);
    }
    if (spec.data !== undefined && (spec.data === null || typeof spec.data !== 'object' || Array.isArray(spec.data))) {
      report(`${base}/data`, 'data must be an object: the whole data of each event, e.g. { messageAdded: { text: hi } }');
    }
    byField.set(spec.subscription, {
      field: spec.subscription,
      everyMs: spec.every_ms ?? DEFAULT_EVERY_MS,
      times: spec.times,
      data: spec.data ? compileValue(spec.data, `${base}/data`, locate, issues) : undefined,
    });
  });
  return {
    find: (field) => byField.get(field) ?? { field, everyMs: DEFAULT_EVERY_MS },
  };
}

/** The root field a (validated, so single-field) subscription operation asks for. */
export function rootField(operation: OperationDefinitionNode, document: DocumentNode): string | undefined {
  for (const sel of operation.selectionSet.selections) {
    if (sel.kind === Kind.FIELD) return sel.name.value;
    const set = sel.kind === Kind.INLINE_FRAGMENT
      ? sel.selectionSet
      : document.definitions.find((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === sel.name.value)?.selectionSet;
    const inner = set ? rootField({ ...operation, selectionSet: set }, document) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/**
 * The events of one subscription, as an async iterator graphql-ws consumes. `return()` stops the
 * timer at once, so a client that unsubscribes (or a server shutting down) leaves nothing behind.
 */
export function eventStream(entry: CompiledSubscription, run: (fixed: Record<string, unknown> | undefined) => ExecutionResult, scope: MockScope): AsyncIterableIterator<ExecutionResult> {
  let sent = 0;
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake: ((r: IteratorResult<ExecutionResult>) => void) | undefined;
  const finished = (): IteratorResult<ExecutionResult> => ({ done: true, value: undefined });
  const stop = (): void => {
    done = true;
    if (timer) clearTimeout(timer);
    timer = undefined;
    wake?.(finished());
    wake = undefined;
  };
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    next() {
      if (done || (entry.times !== undefined && sent >= entry.times)) {
        done = true;
        return Promise.resolve(finished());
      }
      return new Promise((resolve) => {
        wake = resolve;
        timer = setTimeout(() => {
          timer = undefined;
          wake = undefined;
          sent++;
          const fixed = entry.data?.make(scope.ctx, scope.env) as Record<string, unknown> | undefined;
          resolve({ done: false, value: run(fixed) });
        }, entry.everyMs);
      });
    },
    return() {
      stop();
      return Promise.resolve(finished());
    },
    throw(err) {
      stop();
      return Promise.reject(err);
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
