/**
 * Form bodies → fields: `application/x-www-form-urlencoded` (read as Koa's body parser reads it, so
 * `a[b]=1` nests and repeated names become lists) and `multipart/form-data` (busboy; a file part's
 * value is its content as text). Pure: bytes in, fields out; the adapter reads the bytes.
 */
import type busboy from 'busboy';
import qs from 'qs';

export type FormFields = Record<string, unknown>;
export type FormResult = { ok: true; fields: FormFields } | { ok: false; message: string };

const URLENCODED = /^application\/x-www-form-urlencoded\b/i;
const MULTIPART = /^multipart\/form-data\b/i;

export function isFormType(contentType: string | undefined): boolean {
  return contentType !== undefined && (URLENCODED.test(contentType.trim()) || MULTIPART.test(contentType.trim()));
}

/** A repeated name collects its values in a list, as a repeated query key does. */
function add(fields: FormFields, name: string, value: string): void {
  const had = Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
  const next = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  // defineProperty, so a field named "__proto__" stays a plain key
  Object.defineProperty(fields, name, { value: next, writable: true, enumerable: true, configurable: true });
}

function multipart(contentType: string, body: Buffer): Promise<FormResult> {
  return new Promise((resolve) => {
    const fields: FormFields = Object.create(null) as FormFields;
    let parser: busboy.Busboy;
    try {
      // required on the first multipart body: most mocks never see one
      parser = (require('busboy') as typeof import('busboy'))({ headers: { 'content-type': contentType }, defParamCharset: 'utf8' });
    } catch (err) {
      resolve({ ok: false, message: `malformed multipart body: ${(err as Error).message}` });
      return;
    }
    parser.on('field', (name, value) => add(fields, name, value));
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => add(fields, name, Buffer.concat(chunks).toString('utf8')));
    });
    parser.on('error', (err) => resolve({ ok: false, message: `malformed multipart body: ${(err as Error).message}` }));
    parser.on('close', () => resolve({ ok: true, fields: { ...fields } }));
    parser.end(body);
  });
}

export async function parseFormBody(contentType: string, body: Buffer): Promise<FormResult> {
  const type = contentType.trim();
  if (MULTIPART.test(type)) return multipart(type, body);
  if (URLENCODED.test(type)) {
    try {
      return { ok: true, fields: qs.parse(body.toString('utf8'), { allowDots: true }) as FormFields };
    } catch (err) {
      return { ok: false, message: `malformed form body: ${(err as Error).message}` };
    }
  }
  return { ok: false, message: `not a form body (${type})` };
}
