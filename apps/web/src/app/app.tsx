// The app shell: a header and the page for the current route. Design pages (React Flow, the engine
// workers) and lab pages (the API client; Monaco inside the workspace) load as their own chunks, so the
// home page stays light.
import { lazy, Suspense, useEffect, useState } from 'react';
import { HomePage } from '../pages/home-page.tsx';
import { createRouter } from './router.ts';
import { Link, RouterContext, useLocation } from './router-context.tsx';

const SandboxPage = lazy(() => import('../pages/sandbox-page.tsx'));
const ChallengePage = lazy(() => import('../pages/challenge-page.tsx'));
const LabsPage = lazy(() => import('../pages/labs-page.tsx'));
const LabPage = lazy(() => import('../pages/lab-page.tsx'));

export function App() {
  const [router] = useState(() => createRouter(window));
  useEffect(() => () => router.destroy(), [router]);
  return (
    <RouterContext.Provider value={router}>
      <div className="app">
        <header className="app-header">
          <Link href="/" className="brand">
            archlab
          </Link>
          <nav>
            <Link href="/sandbox">Sandbox</Link>
            <Link href="/#challenges">Challenges</Link>
            <Link href="/labs">Code labs</Link>
          </nav>
        </header>
        <main className="app-main">
          <Suspense fallback={<p className="loading">Loading…</p>}>
            <CurrentPage />
          </Suspense>
        </main>
      </div>
    </RouterContext.Provider>
  );
}

function CurrentPage() {
  const { route } = useLocation();
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'sandbox':
      return <SandboxPage />;
    case 'challenge':
      return <ChallengePage key={route.id} id={route.id} />;
    case 'labs':
      return <LabsPage />;
    case 'lab':
      return <LabPage key={route.id} id={route.id} />;
    case 'not-found':
      return (
        <section className="page-message">
          <h1>Nothing at {route.path}</h1>
          <p>
            <Link href="/">Back to the start page</Link>
          </p>
        </section>
      );
  }
}
