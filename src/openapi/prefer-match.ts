/** `Prefer: code=404, example=NotFound` (as Prism reads it) turned into header conditions and priorities. */
import type { MatchSpec } from '../model/endpoint';
import { escapeRegex } from '../util/escape-regex';

/** Priority offsets inside one operation: the more a variant asks for, the higher it ranks. */
export const VARIANT_PRIORITY = { main: 0, example: 1, code: 2, codeAndExample: 3, literalQuery: 4 } as const;

/** `key=value` as a whole preference: separated by start/end, comma, semicolon or space; the value may be quoted. */
function token(key: string, values: string[]): string {
  const alternatives = values.map(escapeRegex).join('|');
  const value = values.length > 1 ? `(?:${alternatives})` : alternatives;
  return `(?:^|[\\s,;])${key}="?${value}"?(?:$|[\\s,;])`;
}

export interface PreferWanted {
  /** Accepted spellings of the status, e.g. ['404'] or ['500', 'default']. */
  codes?: string[];
  example?: string;
}

/** The `match` block selecting a variant; matched as a search, not anchored. */
export function preferMatch(wanted: PreferWanted): MatchSpec {
  const parts: string[] = [];
  if (wanted.codes) parts.push(token('code', wanted.codes));
  if (wanted.example !== undefined) parts.push(token('example', [wanted.example]));
  const regex = parts.length === 1 ? parts[0] : `^${parts.map((p) => `(?=.*${p})`).join('')}`;
  return { headers: { prefer: { regex } } };
}

/** The `match` block for a media type asked for in `Accept` (`application/xml`, `application/xml;q=0.9`, in a list). */
export function acceptMatch(mediaType: string): MatchSpec {
  const type = mediaType.split(';')[0].trim();
  return { headers: { accept: { regex: `(?:^|[\\s,])${escapeRegex(type)}(?:$|[\\s,;])` } } };
}
