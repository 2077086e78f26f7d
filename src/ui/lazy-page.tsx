/** A page whose code loads on first visit (its own chunk): the editor and the charts stay out of the first load. */
import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';

export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  return function LazyPage(props: P) {
    const [Page, setPage] = useState<ComponentType<P> | null>(() => loaded);
    const [error, setError] = useState<string | null>(null);
    useEffect(() => {
      if (Page !== null) return;
      load().then(
        (p) => {
          loaded = p;
          setPage(() => p);
        },
        (e: Error) => setError(`This page could not be loaded (${e.message}); reload the browser tab.`),
      );
    }, []);
    if (error !== null) return <p role="alert" class="error">{error}</p>;
    return Page === null ? <p>Loading…</p> : <Page {...props} />;
  };
}
