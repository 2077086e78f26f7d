/** JSON pointers (RFC 6901) as segment lists, and the human labels used in config messages. */

export type Segment = string | number;

/** Escapes one reference token: `~` as `~0`, `/` as `~1`. */
export function escapeToken(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '' ? [] : [''];
  const body = pointer.startsWith('/') ? pointer.slice(1) : pointer;
  return body.split('/').map(unescapeToken);
}

export function formatPointer(segments: readonly Segment[]): string {
  return segments.map((s) => '/' + escapeToken(s)).join('');
}

export function childPointer(parent: string, key: string | number): string {
  return `${parent}/${escapeToken(key)}`;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `["sequence", 0, "status"]` → `sequence[0].status`; keys with odd characters are bracketed. */
export function labelOf(segments: readonly Segment[]): string {
  let label = '';
  for (const s of segments) {
    if (typeof s === 'number' || /^\d+$/.test(s)) label += `[${s}]`;
    else if (PLAIN_KEY.test(s)) label += label === '' ? s : `.${s}`;
    else label += `[${JSON.stringify(s)}]`;
  }
  return label;
}
