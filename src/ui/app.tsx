/** The shell: header, the navigation between pages (hash routes), the page in the main landmark, the token dialog. */
import { useEffect, useRef } from 'preact/hooks';
import { useRoute } from './use-route';
import { TokenDialog } from './token-dialog';
import { EndpointsPage } from './endpoints-page';
import { RequestsPage } from './requests-page';
import { ConfigPage } from './config-page';
import { lazyPage } from './lazy-page';

const EditorPage = lazyPage(() => import('./editor-page').then((m) => m.EditorPage));
const DashboardPage = lazyPage(() => import('./dashboard-page').then((m) => m.DashboardPage));

const PAGES = [
  { id: 'endpoints', title: 'Endpoints' },
  { id: 'editor', title: 'Editor' },
  { id: 'requests', title: 'Requests' },
  { id: 'config', title: 'Config' },
  { id: 'dashboard', title: 'Dashboard' },
];

export function App() {
  const route = useRoute();
  const heading = useRef<HTMLElement>(null);
  const current = PAGES.find((p) => p.id === route.page) ?? PAGES[0];
  const first = useRef(true);
  useEffect(() => {
    document.title = `${current.title} · mockdock`;
    // moving to another page puts the keyboard and screen readers at its start, not on the old link
    if (!first.current) heading.current?.focus();
    first.current = false;
  }, [current.id]);
  return (
    <>
      <header>
        <span class="brand">mockdock</span>
        <nav aria-label="Pages">
          <ul>
            {PAGES.map((p) => (
              <li key={p.id}>
                <a href={`#/${p.id}`} aria-current={p.id === current.id ? 'page' : undefined}>
                  {p.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main ref={heading} tabIndex={-1}>
        {current.id === 'endpoints' && <EndpointsPage selected={route.arg} />}
        {current.id === 'editor' && <EditorPage name={route.arg} from={route.params.get('from')} />}
        {current.id === 'requests' && <RequestsPage selected={route.arg} />}
        {current.id === 'config' && <ConfigPage />}
        {current.id === 'dashboard' && <DashboardPage />}
      </main>
      <TokenDialog />
    </>
  );
}
