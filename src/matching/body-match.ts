/** Partial deep-equal of a parsed request body against a `match.body` pattern. */
import { isObject } from '../util/is-object';

const hasOwn = Object.prototype.hasOwnProperty;


/**
 * Every key of a pattern object must be present in the body and match recursively (extra
 * body keys are fine); arrays must have the same length and match element by element;
 * anything else must be strictly equal (so 1 and "1" differ).
 */
export function bodyContains(actual: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) {
    if (!Array.isArray(actual) || actual.length !== pattern.length) return false;
    for (let i = 0; i < pattern.length; i++) {
      if (!bodyContains(actual[i], pattern[i])) return false;
    }
    return true;
  }
  if (isObject(pattern)) {
    if (!isObject(actual)) return false;
    for (const key in pattern) {
      if (!hasOwn.call(pattern, key)) continue;
      if (!hasOwn.call(actual, key) || !bodyContains(actual[key], pattern[key])) return false;
    }
    return true;
  }
  return actual === pattern;
}

/** The first place where the body differs from the pattern, in words; null when it matches. */
export function describeBodyMismatch(actual: unknown, pattern: unknown, where = 'body'): string | null {
  if (actual === undefined) return `${where} is missing, expected ${show(pattern)}`;
  if (Array.isArray(pattern)) {
    if (!Array.isArray(actual)) return `${where} is ${show(actual)}, expected ${show(pattern)}`;
    if (actual.length !== pattern.length) {
      return `${where} has ${actual.length} items, expected ${pattern.length}`;
    }
    for (let i = 0; i < pattern.length; i++) {
      const inner = describeBodyMismatch(actual[i], pattern[i], `${where}[${i}]`);
      if (inner !== null) return inner;
    }
    return null;
  }
  if (isObject(pattern)) {
    if (!isObject(actual)) return `${where} is ${show(actual)}, expected ${show(pattern)}`;
    for (const key in pattern) {
      if (!hasOwn.call(pattern, key)) continue;
      const at = /^[A-Za-z_$][\w$]*$/.test(key) ? `${where}.${key}` : `${where}[${JSON.stringify(key)}]`;
      const value = hasOwn.call(actual, key) ? actual[key] : undefined;
      const inner = describeBodyMismatch(value, pattern[key], at);
      if (inner !== null) return inner;
    }
    return null;
  }
  return actual === pattern ? null : `${where} is ${show(actual)}, expected ${show(pattern)}`;
}

/** Compact JSON for messages, cut so one reason stays on one readable line. */
export function show(value: unknown, max = 60): string {
  if (typeof value === 'string' && value.length > max) return JSON.stringify(`${value.slice(0, max - 3)}…`);
  let text: string;
  try {
    text = value === undefined ? 'undefined' : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
