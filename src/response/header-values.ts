/** Keeps header names and values within what HTTP (and Node's header checks) accept. */
import { HTTP_TOKEN as TOKEN } from '../util/http-token';

const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;
// Node rejects header values outside latin-1 and control characters other than tab.
const UNSENDABLE = /[^\t\x20-\x7e\x80-\xff]/;

export function isHeaderName(name: string): boolean {
  return TOKEN.test(name);
}

export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/**
 * A value Node will send. Rendered values come from request data and must not fail a response:
 * control characters (a CR/LF would split the header) become spaces, and characters beyond
 * latin-1 are sent as their UTF-8 bytes, as most servers do.
 */
export function sendableHeaderValue(value: string): string {
  if (!UNSENDABLE.test(value)) return value;
  const cleaned = value.replace(/[\x00-\x08\x0a-\x1f\x7f]/g, ' ');
  return UNSENDABLE.test(cleaned) ? Buffer.from(cleaned, 'utf8').toString('latin1') : cleaned;
}
