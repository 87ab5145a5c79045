// The app's pages and their paths. Labs get their own routes in a later change; the home page
// already has a place for them.

export type Route =
  | { page: 'home' }
  | { page: 'sandbox' }
  | { page: 'challenge'; id: string }
  | { page: 'not-found'; path: string };

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'home' };
  if (path === '/sandbox') return { page: 'sandbox' };
  const challenge = /^\/challenges\/([A-Za-z0-9][A-Za-z0-9_.:-]{0,63})$/.exec(path);
  if (challenge) return { page: 'challenge', id: decodeURIComponent(challenge[1]!) };
  return { page: 'not-found', path };
}

export function pathOf(route: Exclude<Route, { page: 'not-found' }>): string {
  switch (route.page) {
    case 'home':
      return '/';
    case 'sandbox':
      return '/sandbox';
    case 'challenge':
      return `/challenges/${encodeURIComponent(route.id)}`;
  }
}
