/** Hash routing: `#/page/arg?x=y` → {page, arg, params}; the hook re-renders on every change of the hash. */
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  page: string;
  arg: string | null;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const [where, query = ''] = text.split('?', 2);
  const [page, ...rest] = where.split('/');
  return { page: page || 'endpoints', arg: rest.length > 0 ? decodeURIComponent(rest.join('/')) : null, params: new URLSearchParams(query) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function go(hash: string): void {
  location.hash = hash;
}
