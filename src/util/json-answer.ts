/** An answer mockdock writes itself (404, 429, 401, validation errors): JSON with its length. */
import { withContentLength } from './content-length';

export const JSON_TYPE = 'application/json; charset=utf-8';

export function jsonAnswer(status: number, value: unknown, extra?: Record<string, string>): { status: number; headers: Record<string, string>; body: Buffer } {
  const body = Buffer.from(JSON.stringify(value));
  return { status, headers: withContentLength(status, { 'content-type': JSON_TYPE, ...extra }, body), body };
}
