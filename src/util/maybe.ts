/** Chaining values that may be promises: synchronous all the way when the store answers at once. */
import type { MaybePromise } from '../model/state';

/** `f(value)`, after the value arrives when it is a promise. */
export function then<T, U>(value: MaybePromise<T>, f: (v: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}

/** Every value, waiting only when one of them is a promise. */
export function all<T>(values: readonly MaybePromise<T>[]): MaybePromise<T[]> {
  return values.some((v) => v instanceof Promise) ? Promise.all(values) : (values as T[]);
}
