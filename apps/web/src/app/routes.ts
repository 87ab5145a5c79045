// The app's pages and their paths.

export type Route =
  | { page: 'home' }
  | { page: 'sandbox' }
  | { page: 'challenge'; id: string }
  | { page: 'labs' }
  | { page: 'lab'; id: string }
  | { page: 'not-found'; path: string };

const idPattern = '([A-Za-z0-9][A-Za-z0-9_.:-]{0,63})';

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'home' };
  if (path === '/sandbox') return { page: 'sandbox' };
  if (path === '/labs') return { page: 'labs' };
  const challenge = new RegExp(`^/challenges/${idPattern}$`).exec(path);
  if (challenge) return { page: 'challenge', id: decodeURIComponent(challenge[1]!) };
  const lab = new RegExp(`^/labs/${idPattern}$`).exec(path);
  if (lab) return { page: 'lab', id: decodeURIComponent(lab[1]!) };
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
    case 'labs':
      return '/labs';
    case 'lab':
      return `/labs/${encodeURIComponent(route.id)}`;
  }
}
