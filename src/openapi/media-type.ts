/** Media type helpers: which documented type the mock answers with, and what counts as JSON. */
import type { SpecMediaType } from './operation-model';

function base(type: string): string {
  return type.split(';')[0].trim().toLowerCase();
}

/** application/json, application/problem+json, text/json, application/json; charset=utf-8 … */
export function isJsonType(type: string): boolean {
  const b = base(type);
  return b === 'application/json' || b === 'text/json' || b.endsWith('+json');
}

/** Bodies mockdock reads into fields: urlencoded and multipart forms. */
export function isFormType(type: string): boolean {
  const b = base(type);
  return b === 'application/x-www-form-urlencoded' || b === 'multipart/form-data';
}

export function isXmlType(type: string): boolean {
  const b = base(type);
  return b === 'application/xml' || b === 'text/xml' || b.endsWith('+xml');
}

/** `*\/*`, `application/*`: the spec allows anything; the mock still has to pick one. */
export function isWildcardType(type: string): boolean {
  return base(type).includes('*');
}

/** The media type a mock response uses: the first JSON one, else the first with an example, else the first. */
export function pickMediaType(content: SpecMediaType[]): SpecMediaType | undefined {
  return content.find((m) => isJsonType(m.type)) ?? content.find((m) => m.examples.length > 0) ?? content[0];
}
