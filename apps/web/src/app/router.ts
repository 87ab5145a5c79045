// A minimal client-side router over the History API: the current location as a subscribable value.
import { parseRoute } from './routes.ts';
import type { Route } from './routes.ts';

export interface Location {
  route: Route;
  pathname: string;
  hash: string;
}

export interface Router {
  getLocation(): Location;
  subscribe(listener: () => void): () => void;
  navigate(href: string, options?: { replace?: boolean }): void;
  destroy(): void;
}

export function createRouter(win: Window): Router {
  const listeners = new Set<() => void>();
  const read = (): Location => ({ route: parseRoute(win.location.pathname), pathname: win.location.pathname, hash: win.location.hash });
  let location = read();
  const update = () => {
    const next = read();
    if (next.pathname === location.pathname && next.hash === location.hash) return;
    location = next;
    for (const listener of [...listeners]) listener();
  };
  win.addEventListener('popstate', update);
  return {
    getLocation: () => location,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    navigate(href, options = {}) {
      const url = new URL(href, win.location.href);
      if (url.origin !== win.location.origin) throw new Error(`refusing to navigate off the app: ${href}`);
      if (options.replace) win.history.replaceState(null, '', url);
      else win.history.pushState(null, '', url);
      update();
    },
    destroy() {
      win.removeEventListener('popstate', update);
      listeners.clear();
    },
  };
}
