import type { JsonSchema } from '../../schema/types.js';
import { isObject } from './is-object.js';

/**
 * Base URI of a root document without `$id`. ajv uses the empty string; resolving against this
 * base gives the same relations (a reference name "a/b.json" and a relative `$ref` resolved against
 * it meet at the same URI), and no reference name resolves to the root itself.
 */
export const DEFAULT_BASE = 'https://charter.invalid/%00root';

/** The URI a Confluent reference name stands for (ajv registers a referenced schema under its name). */
export function nameUri(name: string): string | undefined {
  const u = resolveUri(name, DEFAULT_BASE);
  return u ? stripFragment(u) : undefined;
}

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
