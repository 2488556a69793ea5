import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level: two schemas that differ only in key order or
 * white space have the same canonical text (what `normalize=true` registers).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

/** A stable hex digest of any text, for fingerprints and cache keys. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
