import type { JsonSchema } from '../../schema/types.js';
import { isObject } from './is-object.js';

export const DEFAULT_BASE = 'https://charter.invalid/schema.json';

export function resolveUri(ref: string, base: string): URL | undefined {
  try {
    return new URL(ref, base);
  } catch {
    return undefined;
  }
}

export function stripFragment(url: URL): string {
  const u = new URL(url.href);
  u.hash = '';
  return u.href;
}

/** The base URI of a child node: its own `$id` (if any) resolved against the parent's base. */
export function childBase(node: JsonSchema, parentBase: string): string {
  if (isObject(node) && typeof node.$id === 'string' && !node.$id.startsWith('#')) {
    const u = resolveUri(node.$id, parentBase);
    if (u) return stripFragment(u);
  }
  return parentBase;
}
