/** Which Content-Type a response gets when the user did not set one. */
import mime from 'mime-types';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
export const TEXT_CONTENT_TYPE = 'text/plain; charset=utf-8';
export const BINARY_CONTENT_TYPE = 'application/octet-stream';

const TEXTUAL_APPLICATION = new Set(['application/xml', 'application/javascript', 'application/ecmascript', 'application/yaml', 'application/x-yaml', 'application/graphql', 'application/sql']);

/** The name under which `headers` already sets Content-Type (any case), if it does. */
export function findContentType(headers: Record<string, unknown> | undefined): string | undefined {
  if (!headers) return undefined;
  return Object.keys(headers).find((name) => name.toLowerCase() === 'content-type');
}

/** By the file's extension, with `charset=utf-8` for text types; octet-stream when unknown. */
export function contentTypeForFile(path: string): string {
  const type = mime.lookup(path);
  return type ? mime.contentType(type) || type : BINARY_CONTENT_TYPE;
}

/** True for media types whose bodies are text (so a body file of that type may be a template). */
export function isTextualType(type: string): boolean {
  const base = type.split(';')[0].trim().toLowerCase();
  return (
    base.startsWith('text/') ||
    base.endsWith('+json') ||
    base.endsWith('+xml') ||
    TEXTUAL_APPLICATION.has(base) ||
    mime.charset(base) !== false
  );
}

/** The extension's type, or undefined when the extension is unknown. */
export function typeOfFile(path: string): string | undefined {
  return mime.lookup(path) || undefined;
}
