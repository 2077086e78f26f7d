/**
 * Reads a mocked request's body once, by koa-bodyparser's own rules (co-body): JSON (any JSON media type),
 * form, text and XML are parsed, multipart forms split into fields (util/form-body); any other body is
 * kept as bytes only (for the proxy), unparsed.
 */
import type { IncomingMessage } from 'node:http';
import bourne from '@hapi/bourne';
import toBytes from 'bytes';
import parse from 'co-body';
import getRawBody from 'raw-body';
import typeis from 'type-is';
import { isJsonType } from '../util/media-type';
import { parseFormBody } from '../util/form-body';

export interface ReadBody {
  /** The parsed body; undefined when the type is not one mockdock parses, or the body is empty. */
  parsed: unknown;
  /** The body's text as received (decompressed), for parsed types; undefined otherwise. */
  text: string | undefined;
  raw: Buffer;
  json: boolean;
}

const FORM = ['urlencoded'];
const MULTIPART = ['multipart/form-data'];
const TEXT = ['text/plain', 'text/xml', 'application/xml', '+xml'];

type BodyError = Error & { status: number; type: string };
const bodyError = (status: number, type: string, message: string): BodyError => Object.assign(new Error(message), { status, type });

const limits = new Map<string, number>();
const limitBytes = (limit: string): number => {
  let n = limits.get(limit);
  if (n === undefined) limits.set(limit, (n = toBytes.parse(limit) ?? Infinity));
  return n;
};

/** The length of a body that can take the direct path: a Content-Length and no compression (co-body reads JSON as UTF-8 whatever the charset). */
function plainLength(req: IncomingMessage): number | undefined {
  const { 'content-length': length, 'content-encoding': encoding } = req.headers;
  if (length === undefined || (encoding !== undefined && encoding !== 'identity')) return undefined;
  const n = Number(length);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** The bytes of a body of known length, straight into one buffer; the errors (413, 400) are raw-body's. */
function readExactly(req: IncomingMessage, length: number, limit: number): Promise<Buffer> {
  if (length > limit) return Promise.reject(bodyError(413, 'entity.too.large', 'request entity too large'));
  return new Promise((resolve, reject) => {
    const buf = Buffer.allocUnsafe(length);
    let at = 0;
    const done = (err?: Error): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
      if (err) reject(err);
      else resolve(buf);
    };
    const onData = (chunk: Buffer): void => {
      if (at + chunk.length > length) return done(bodyError(400, 'request.size.invalid', 'request size did not match content length'));
      chunk.copy(buf, at);
      at += chunk.length;
    };
    const onEnd = (): void => done(at === length ? undefined : bodyError(400, 'request.size.invalid', 'request size did not match content length'));
    const onError = (err: Error): void => done(err);
    const onAborted = (): void => done(bodyError(400, 'request.aborted', 'request aborted'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

/**
 * JSON as co-body reads it (BOM dropped, any JSON value, prototype poisoning refused by @hapi/bourne), without
 * its stream layers and the copy back to bytes: the common POST of a mocked API is the hot path.
 */
async function readPlainJson(req: IncomingMessage, length: number, limit: string): Promise<ReadBody> {
  const raw = await readExactly(req, length, limitBytes(limit));
  const bom = raw.length >= 3 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
  const text = raw.toString('utf8', bom ? 3 : 0);
  if (text === '') return { parsed: undefined, text, raw, json: true };
  try {
    return { parsed: bourne.parse(text, { protoAction: 'error' }), text, raw, json: true };
  } catch (err) {
    throw Object.assign(err as Error, { status: 400 });
  }
}

export async function readBody(req: IncomingMessage, limit: string): Promise<ReadBody> {
  const type = req.headers['content-type'];
  if (isJsonType(type)) {
    const length = plainLength(req);
    if (length !== undefined) return readPlainJson(req, length, limit);
    const { parsed, raw } = (await parse.json(req, { limit, strict: false, returnRawBody: true })) as { parsed: unknown; raw: string };
    return { parsed: raw === '' ? undefined : parsed, text: raw, raw: Buffer.from(raw), json: true };
  }
  if (typeis(req, FORM)) {
    const { parsed, raw } = (await parse.form(req, { limit, returnRawBody: true })) as { parsed: unknown; raw: string };
    return { parsed: raw === '' ? undefined : parsed, text: raw, raw: Buffer.from(raw), json: false };
  }
  if (typeis(req, MULTIPART)) {
    // multipart: its fields (a file part holds its content) are what validation and templates see
    const raw = await getRawBody(req, { limit, length: req.headers['content-length'] });
    const form = await parseFormBody(type ?? '', raw);
    if (!form.ok) throw Object.assign(new Error(form.message), { status: 400 });
    return { parsed: raw.length === 0 ? undefined : form.fields, text: undefined, raw, json: false };
  }
  if (typeis(req, TEXT)) {
    const { parsed, raw } = (await parse.text(req, { limit, returnRawBody: true })) as { parsed: string; raw: string };
    return { parsed: raw === '' ? undefined : parsed, text: raw, raw: Buffer.from(raw), json: false };
  }
  // kept as sent (compressed too): a proxy forwards it with its Content-Encoding
  const raw = await getRawBody(req, { limit, length: req.headers['content-length'] });
  return { parsed: undefined, text: undefined, raw, json: false };
}
