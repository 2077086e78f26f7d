/** Decides whether a body file is text that may hold a template, or binary to send untouched. */
import { isUtf8 } from 'buffer';
import { isTextualType, typeOfFile } from './content-type';

/**
 * Text: no NUL byte, valid UTF-8, and an extension that is unknown or of a text type. An image
 * or archive is binary even when its bytes happen to look like text.
 */
export function isTextBodyFile(path: string, content: Buffer): boolean {
  if (content.includes(0)) return false;
  if (!isUtf8(content)) return false;
  const type = typeOfFile(path);
  return type === undefined || isTextualType(type);
}
