/**
 * Reads a mocked request's body once, by koa-bodyparser's own rules (co-body): JSON (any JSON media type),
 * form, text and XML are parsed, multipart forms split into fields (util/form-body); any other body is
 * kept as bytes only (for the proxy), unparsed.
 */
import type { IncomingMessage } from 'node:http';
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

export async function readBody(req: IncomingMessage, limit: string): Promise<ReadBody> {
  const type = req.headers['content-type'];
  if (isJsonType(type)) {
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
