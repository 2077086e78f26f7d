/** Turns a template value into output text the way Handlebars does, but never throws on odd data. */

/**
 * Like `'' + value`, except that objects never run user-controlled conversions: a request
 * body such as `{"toString": 1}` would make plain string conversion throw mid-request.
 */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    // A boxed string is text with data attached (a WebSocket message and its `.json`).
    if (value instanceof String) return value.valueOf();
    if (Array.isArray(value)) return value.map(joinItem).join(',');
    return '[object Object]';
  }
  if (typeof value === 'function' || typeof value === 'symbol') return '';
  return String(value);
}

function joinItem(item: unknown): string {
  return item === null || item === undefined ? '' : toText(item);
}

/** JSON text of a value; `null` for anything JSON cannot hold (undefined, cycles, BigInt). */
export function toJsonText(value: unknown, indent?: number): string {
  try {
    return JSON.stringify(value, null, indent) ?? 'null';
  } catch {
    return 'null';
  }
}
