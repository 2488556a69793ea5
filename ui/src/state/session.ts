import { Store } from './store';

/** How the caller signs in: an API key `key:secret` (HTTP Basic) or a bearer token (JWT or key). */
export interface Credentials {
  kind: 'key' | 'bearer';
  secret: string;
}

const storageKey = 'charter.console.credentials';

/** Kept for the browser tab only (sessionStorage): closing the tab signs out. */
function restore(): Credentials | undefined {
  try {
    const saved = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as Credentials | null;
    return saved && (saved.kind === 'key' || saved.kind === 'bearer') && typeof saved.secret === 'string' ? saved : undefined;
  } catch {
    return undefined;
  }
}

export const credentials = new Store<Credentials | undefined>(restore());

export function signIn(value: Credentials): void {
  sessionStorage.setItem(storageKey, JSON.stringify(value));
  credentials.set(value);
}

export function signOut(): void {
  sessionStorage.removeItem(storageKey);
  credentials.set(undefined);
}
