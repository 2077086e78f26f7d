/** Between a plugin's answers `{status?, headers?, body?}` and the pipeline's ResponsePlan, both ways. */
import type { ResponsePlan, ResponseBody } from '../model/response-plan';
import { JSON_TYPE } from '../util/json-answer';
import { withContentLength } from '../util/content-length';
import { isJsonType } from '../util/media-type';
import { isObject } from '../util/is-object';
import { isHttpStatus } from '../behaviours/issue';
import type { PluginResponse } from './plugin-types';

const TEXT_TYPE = 'text/plain; charset=utf-8';

/** What a value is, as a message names it ("null", "an array", "string", …). */
export function shownType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/** Header names lower-cased, values as strings; a message when a value cannot be a header. */
function headersOf(value: unknown): Record<string, string> | string {
  if (value === undefined) return {};
  if (!isObject(value)) return `headers must be an object, not ${shownType(value)}`;
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return `header "${name}" must be a string, not ${shownType(v)}`;
    out[name.toLowerCase()] = String(v);
  }
  return out;
}

function bodyOf(value: unknown, headers: Record<string, string>): Buffer | string {
  if (value === undefined) return Buffer.alloc(0);
  if (typeof value === 'string') {
    headers['content-type'] ??= TEXT_TYPE;
    return Buffer.from(value);
  }
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (err) {
    return `body cannot be written as JSON: ${(err as Error).message}`;
  }
  if (text === undefined) return `body must be a JSON value or a string, not ${shownType(value)}`;
  headers['content-type'] ??= JSON_TYPE;
  return Buffer.from(text);
}

/** A plugin's answer as a plan, or what is wrong with it. */
export function answerToPlan(answer: unknown, endpoint: string | null): ResponsePlan | string {
  if (!isObject(answer)) return `gave ${shownType(answer)}, not an answer {status?, headers?, body?}`;
  const status = answer.status ?? 200;
  if (!isHttpStatus(status)) return `gave status ${JSON.stringify(status)}: a status is a whole number from 100 to 599`;
  const headers = headersOf(answer.headers);
  if (typeof headers === 'string') return headers;
  const body = bodyOf(answer.body, headers);
  if (typeof body === 'string') return body;
  return { endpoint, status: status as number, headers: withContentLength(status as number, headers, body), body, delayMs: 0 };
}

/** The answer as `onResponse` sees it: a JSON body parsed, any other byte body as text; a streamed body as undefined. */
export function planToResponse(plan: ResponsePlan): PluginResponse {
  return { status: plan.status, headers: { ...plan.headers }, body: readable(plan.body, plan.headers['content-type']) };
}

function readable(body: ResponseBody, type: string | undefined): unknown {
  if (!Buffer.isBuffer(body)) return undefined;
  const text = body.toString('utf8');
  if (type !== undefined && isJsonType(type) && text !== '') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** The plan after `onResponse` changed `res` in place: body re-encoded, Content-Length set again. */
export function responseToPlan(plan: ResponsePlan, res: PluginResponse): ResponsePlan | string {
  const keepStream = !Buffer.isBuffer(plan.body) && res.body === undefined;
  const headers = headersOf(res.headers);
  if (typeof headers === 'string') return headers;
  if (!isHttpStatus(res.status)) return `set status ${JSON.stringify(res.status)}: a status is a whole number from 100 to 599`;
  if (keepStream) return { ...plan, status: res.status, headers, shared: false };
  delete headers['content-length'];
  const body = bodyOf(res.body, headers);
  if (typeof body === 'string') return body;
  return { ...plan, status: res.status, headers: withContentLength(res.status, headers, body), body, shared: false };
}
