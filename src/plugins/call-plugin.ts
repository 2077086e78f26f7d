/**
 * One call into plugin code, bounded: a throw, a rejection or a promise that outlasts the timeout becomes a
 * PluginFailure. A synchronous result stays synchronous (no promise, no timer), so a no-op hook costs a call.
 */
import type { ResponsePlan } from '../model/response-plan';
import { jsonAnswer } from '../util/json-answer';
import type { PluginSet } from './plugin-set';

export class PluginFailure {
  constructor(
    readonly plugin: string,
    readonly message: string,
  ) {}
}

/** True for a promise of any realm (plugin code may run in another one) or any thenable. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

function describe(err: unknown): string {
  if (err !== null && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string') return (err as { message: string }).message;
  return String(err);
}

function bounded(set: PluginSet, plugin: string, what: string, pending: PromiseLike<unknown>): Promise<unknown> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(new PluginFailure(plugin, `${what} took longer than ${set.timeoutMs} ms`)), set.timeoutMs);
    Promise.resolve(pending).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        resolve(new PluginFailure(plugin, `${what} failed: ${describe(err)}`));
      },
    );
  });
}

/**
 * Calls `fn(a, b, c)` with `self` as `this`: its value at once when it gives one, a promise (never rejected)
 * when it is async. Arguments are passed, not closed over, so a call on every request allocates no closure.
 */
export function callPlugin(set: PluginSet, plugin: string, what: string, fn: (...args: never[]) => unknown, self: unknown, a: unknown, b: unknown, c?: unknown): unknown {
  let out: unknown;
  try {
    out = (fn as (a: unknown, b: unknown, c: unknown) => unknown).call(self, a, b, c);
  } catch (err) {
    return new PluginFailure(plugin, `${what} threw: ${describe(err)}`);
  }
  return isThenable(out) ? bounded(set, plugin, what, out) : out;
}

/** The 500 of a failed plugin call, and its log line. */
export function failurePlan(set: PluginSet, failure: PluginFailure, endpoint: string | null, req: { method: string; path: string }): ResponsePlan {
  set.logger.error({ plugin: failure.plugin, endpoint, method: req.method, path: req.path }, `plugin ${failure.plugin}: ${failure.message}`);
  return { endpoint, ...jsonAnswer(500, { error: failure.message, plugin: failure.plugin }), delayMs: 0, notes: { plugin_error: failure.plugin } };
}
