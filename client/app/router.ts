/**
 * The player app's client-side routes. Paths without an extension fall back to index.html
 * on the server, so `/c/<id>` and `/scoreboard` survive a reload.
 */
export type Route = { name: 'board' } | { name: 'challenge'; id: string } | { name: 'scoreboard' } | { name: 'not-found' };

const CHALLENGE = /^\/c\/([a-z0-9-]{1,80})\/?$/i;

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/{2,}/g, '/');
  if (path === '/' || path === '' || path === '/index.html') return { name: 'board' };
  if (/^\/scoreboard\/?$/.test(path)) return { name: 'scoreboard' };
  const match = CHALLENGE.exec(path);
  if (match?.[1]) return { name: 'challenge', id: match[1] };
  return { name: 'not-found' };
}

export function routePath(route: Route): string {
  switch (route.name) {
    case 'board':
    case 'not-found':
      return '/';
    case 'challenge':
      return `/c/${encodeURIComponent(route.id)}`;
    case 'scoreboard':
      return '/scoreboard';
  }
}

export function sameRoute(a: Route, b: Route): boolean {
  return a.name === b.name && (a.name !== 'challenge' || (b.name === 'challenge' && a.id === b.id));
}

/**
 * The in-app path a click on `anchor` should navigate to, or null when the browser should
 * handle it (another origin, a new tab, a download, a modified click).
 */
export function internalHref(anchor: HTMLAnchorElement, event: MouseEvent, origin: string): string | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  if (anchor.target && anchor.target !== '_self') return null;
  if (anchor.hasAttribute('download') || anchor.getAttribute('href')?.startsWith('#')) return null;
  const url = new URL(anchor.href, origin);
  if (url.origin !== origin) return null;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/labs/')) return null;
  if (parseRoute(url.pathname).name === 'not-found') return null;
  return url.pathname + url.search + url.hash;
}
