/** JSON pointers (RFC 6901) as segment lists, and the human labels used in config messages. */

export type Segment = string | number;

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '' ? [] : [''];
  const body = pointer.startsWith('/') ? pointer.slice(1) : pointer;
  return body.split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function formatPointer(segments: readonly Segment[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
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
