/** The shell: sidebar navigation, top bar (project, theme), the routed page, and the token screen over it when the API wants one. */
import { Suspense, useEffect, useState } from 'react';
import { onTokenState, type TokenState } from './api/token-store';
import { Link } from './components/link';
import { NavIcon } from './components/nav-icons';
import { Empty, Loading } from './components/states';
import { TokenScreen } from './pages/token-screen';
import { matchPath, navigate, useLocation } from './router';
import { HOME, ROUTES } from './routes';
import { useTheme } from './theme';
import { useApi } from './use-api';

function useTokenState(): TokenState {
  const [state, setState] = useState<TokenState>({ needed: false, refused: false });
  useEffect(() => onTokenState(setState), []);
  return state;
}

export function App() {
  const { path } = useLocation();
  const [theme, toggleTheme] = useTheme();
  const token = useTokenState();
  const health = useApi<{ status: string }>('/api/health');

  useEffect(() => {
    if (path === '/' || path === '') navigate(HOME, { replace: true });
  }, [path]);

  let found: { route: (typeof ROUTES)[number]; params: Record<string, string> } | undefined;
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (params) {
      found = { route, params };
      break;
    }
  }
  useEffect(() => {
    document.title = found ? `${found.route.title} · Basin` : 'Basin';
  }, [found?.route.title]);

  const Page = found?.route.page;
  return (
    <div className="shell">
      <aside className="sidebar">
        <Link to={HOME} className="brand">
          <span className="logo" aria-hidden="true" />
          Basin
        </Link>
        <nav aria-label="Main">
          {ROUTES.filter((r) => r.nav).map((r) => (
            <Link key={r.path} to={r.path} className={`nav-item${found?.route.section === r.section ? ' active' : ''}`}>
              <NavIcon name={r.nav!} />
              {r.nav}
            </Link>
          ))}
        </nav>
        <div className="sidebar-foot">
          <span className={`health ${health.error ? 'down' : 'up'}`} title={health.error?.message ?? 'API reachable'}>
            <span className="dot" aria-hidden="true" />
            {health.error ? 'API unreachable' : 'Connected'}
          </span>
        </div>
      </aside>
      <div className="main">
        <header className="topbar">
          <span className="muted small">{found ? found.route.title : 'Not found'}</span>
          <button type="button" className="btn ghost theme-toggle" onClick={toggleTheme} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`} data-theme-toggle>
            {theme === 'dark' ? '☀ Light' : '☾ Dark'}
          </button>
        </header>
        <main className="content">
          {Page && found ? (
            <Suspense fallback={<Loading what="the page" />}>
              <Page key={path} params={found.params} />
            </Suspense>
          ) : path === '/' ? null : (
            <div className="page">
              <Empty title="Page not found">
                Nothing lives at <code>{path}</code>. <Link to={HOME}>Go to the catalog</Link>.
              </Empty>
            </div>
          )}
        </main>
      </div>
      {token.needed && <TokenScreen refused={token.refused} />}
    </div>
  );
}
