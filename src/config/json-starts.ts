/**
 * For a JSON file already accepted by JSON.parse: where the endpoint and defaults objects start,
 * and how many keys the text holds (more than the parsed value has means a repeated key, which
 * JSON.parse quietly resolves to the last). One pass, no values built: several times faster
 * than a YAML parser on the large generated files mockdock is meant to start quickly with.
 */
import type { Position } from './source-index';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

interface Frame {
  array: boolean;
  /** The key this container sits under in the root object. */
  key?: string;
}

export interface JsonScan {
  root: number;
  /** The root's children (root list items, or `defaults`/`endpoints` values) and the `endpoints` items. */
  children: { key?: string; at: number }[];
  endpointItems: number[];
  keyCount: number;
}

function stringEnd(text: string, from: number): number {
  let at = text.indexOf('"', from + 1);
  for (;;) {
    let slashes = 0;
    while (text.charCodeAt(at - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function endsScalar(c: number): boolean {
  return isSpace(c) || c === 0x2c || c === 0x5d || c === 0x7d;
}

export function scanJson(text: string): JsonScan {
  const scan: JsonScan = { root: -1, children: [], endpointItems: [], keyCount: 0 };
  const stack: Frame[] = [];
  let pendingKey: string | undefined;
  const valueAt = (at: number): void => {
    const depth = stack.length;
    if (depth === 0) scan.root = at;
    else if (depth === 1) scan.children.push({ key: pendingKey, at });
    else if (depth === 2 && stack[1].key === 'endpoints' && !stack[0].array) scan.endpointItems.push(at);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c) || c === 0x2c || c === COLON) continue;
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      let next = end + 1;
      while (isSpace(text.charCodeAt(next))) next++;
      if (text.charCodeAt(next) === COLON) {
        scan.keyCount++;
        if (stack.length === 1) pendingKey = JSON.parse(text.slice(i, end + 1)) as string;
      } else valueAt(i);
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      valueAt(i);
      stack.push({ array: c === 0x5b, key: stack.length === 1 ? pendingKey : undefined });
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else {
      valueAt(i);
      while (i + 1 < text.length && !endsScalar(text.charCodeAt(i + 1))) i++;
    }
  }
  return scan;
}

/** Line and column of increasing offsets, counting newlines once. */
export function positionsOf(text: string, offsets: readonly number[]): Position[] {
  let line = 1;
  let lineStart = 0;
  let newline = text.indexOf('\n');
  return offsets.map((offset) => {
    while (newline !== -1 && newline < offset) {
      line++;
      lineStart = newline + 1;
      newline = text.indexOf('\n', lineStart);
    }
    return { line, col: offset - lineStart + 1 };
  });
}

/** Keys in a parsed JSON value, at every depth. */
export function countKeys(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, item) => n + countKeys(item), 0);
  if (value === null || typeof value !== 'object') return 0;
  let n = 0;
  for (const key in value) n += 1 + countKeys((value as Record<string, unknown>)[key]);
  return n;
}
