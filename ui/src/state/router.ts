import { Store } from './store';

/**
 * The console's address lives in the URL's hash (`#/subjects/order.OrderPlaced/diff?from=1.1.0`),
 * so the server serves one page for every view and a reload or a shared link lands on the same view.
 */
export interface Route {
  /** Decoded path segments: `['subjects', 'order.OrderPlaced', 'diff']`. */
  parts: string[];
  query: URLSearchParams;
}

function parse(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean).map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  return { parts, query: new URLSearchParams(search) };
}

export const route = new Store<Route>(parse(location.hash));
addEventListener('hashchange', () => route.set(parse(location.hash)));

/** A console link: `href(['subjects', name, 'diff'], { from: '1.0.0' })`. */
export function href(parts: string[], query: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
  const text = search.toString();
  return `#/${parts.map(encodeURIComponent).join('/')}${text ? `?${text}` : ''}`;
}

/** Changes the query of the current view without adding a history entry per keystroke. */
export function replaceQuery(query: Record<string, string | undefined>): void {
  const target = href(route.value.parts, query);
  if (target !== location.hash) {
    history.replaceState(null, '', target);
    route.set(parse(target));
  }
}
