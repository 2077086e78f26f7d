/** A Mockoon route path (Express style, under the environment's prefix) → a mockdock path. */

export interface RoutePath {
  path: string;
  params: string[];
  /** Set when a segment was widened to "any segment". */
  widened?: string;
}

function escapeSegment(seg: string): string {
  return seg.replace(/^:/, '%3A').replace(/\*/g, '%2A');
}

/** `users/:id` → `/users/:id`; `files/*` → `/files/*`; `:month.json` → `:month` (widened); other patterns → a reason. */
export function routePath(prefix: string, endpoint: string): RoutePath | string {
  const joined = [prefix, endpoint].map((p) => p.replace(/^\/+|\/+$/g, '')).filter((p) => p !== '').join('/');
  const segs = joined === '' ? [] : joined.split('/');
  const out: string[] = [];
  const params: string[] = [];
  let widened: string | undefined;
  for (const [i, seg] of segs.entries()) {
    if (seg === '') return `"${joined}" has an empty segment`;
    if (seg === '*' && i === segs.length - 1) {
      out.push('*');
      continue;
    }
    const param = /^:([A-Za-z_]\w*)(.*)$/.exec(seg);
    if (param) {
      if (param[2] !== '' && /[()?+*]/.test(param[2])) return `segment "${seg}" is a pattern mockdock paths cannot express`;
      if (param[2] !== '') widened = `segment "${seg}" is matched as any one segment (the "${param[2]}" after the parameter is not checked)`;
      params.push(param[1]);
      out.push(`:${param[1]}`);
      continue;
    }
    if (/[()?+*:]/.test(seg)) return `segment "${seg}" is a pattern mockdock paths cannot express`;
    out.push(escapeSegment(seg));
  }
  return { path: `/${out.join('/')}`, params, widened };
}
