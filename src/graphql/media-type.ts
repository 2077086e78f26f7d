/** Picks the response media type from `Accept`: application/graphql-response+json when the client asks for it, else application/json. */

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';
export const LEGACY_JSON = 'application/json; charset=utf-8';

/** Highest q wins; on a tie the newer type. No Accept, or one naming neither, gets application/json. */
export function pickMediaType(accept: string | undefined): string {
  if (!accept || !accept.includes('graphql-response+json')) return LEGACY_JSON;
  let best = { q: -1, type: LEGACY_JSON };
  for (const part of accept.split(',')) {
    const [range, ...params] = part.trim().split(';');
    const name = range.trim().toLowerCase();
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(q > 0)) continue;
    const type = name === 'application/graphql-response+json' ? GRAPHQL_RESPONSE_JSON
      : name === 'application/json' || name === 'application/*' || name === '*/*' ? LEGACY_JSON : undefined;
    if (type === undefined) continue;
    if (q > best.q || (q === best.q && type === GRAPHQL_RESPONSE_JSON)) best = { q, type };
  }
  return best.type;
}
