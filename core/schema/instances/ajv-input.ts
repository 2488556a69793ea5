import { isObject } from '../../compat/document/index.js';
import type { Draft } from '../types.js';

/** What ajv is given differs from what Charter stores: draft-04 bounds and `$schema` are normalised. */
/** Rewrites draft-04 boolean `exclusiveMinimum`/`exclusiveMaximum` into the numeric form ajv reads. */
function modernizeBounds(node: unknown, depth = 0): unknown {
  if (depth > 256) return node;
  if (Array.isArray(node)) return node.map((n) => modernizeBounds(n, depth + 1));
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'enum' || k === 'const' || k === 'examples' || k === 'default') out[k] = v;
    else out[k] = modernizeBounds(v, depth + 1);
  }
  if (typeof node.exclusiveMinimum === 'boolean') {
    delete out.exclusiveMinimum;
    if (node.exclusiveMinimum && typeof node.minimum === 'number') {
      out.exclusiveMinimum = node.minimum;
      delete out.minimum;
    }
  }
  if (typeof node.exclusiveMaximum === 'boolean') {
    delete out.exclusiveMaximum;
    if (node.exclusiveMaximum && typeof node.maximum === 'number') {
      out.exclusiveMaximum = node.maximum;
      delete out.maximum;
    }
  }
  return out;
}

function hasBooleanBounds(node: unknown, depth = 0): boolean {
  if (depth > 256) return false;
  if (Array.isArray(node)) return node.some((n) => hasBooleanBounds(n, depth + 1));
  if (!isObject(node)) return false;
  if (typeof node.exclusiveMinimum === 'boolean' || typeof node.exclusiveMaximum === 'boolean') return true;
  for (const [k, v] of Object.entries(node)) if (k !== 'enum' && k !== 'const' && typeof v === 'object' && v !== null && hasBooleanBounds(v, depth + 1)) return true;
  return false;
}

export const DRAFT_URIS: Record<string, string> = {
  'draft-07': 'http://json-schema.org/draft-07/schema#',
  '2019-09': 'https://json-schema.org/draft/2019-09/schema',
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
};

export function hasId(node: unknown, depth = 0): boolean {
  if (depth > 256) return true;
  if (Array.isArray(node)) return node.some((n) => hasId(n, depth + 1));
  if (!isObject(node)) return false;
  if (typeof node.$id === 'string' || typeof node.id === 'string') return true;
  for (const [k, v] of Object.entries(node)) if (k !== 'enum' && k !== 'const' && typeof v === 'object' && v !== null && hasId(v, depth + 1)) return true;
  return false;
}

/** What ajv is given: draft-04 style bounds rewritten, `$schema` set to the draft being used. */
export function forAjv(schema: unknown, draft: Draft): unknown {
  let out = hasBooleanBounds(schema) ? modernizeBounds(schema) : schema;
  if (isObject(out) && typeof out.$schema === 'string' && out.$schema !== DRAFT_URIS[draft]) out = { ...out, $schema: DRAFT_URIS[draft] };
  return out;
}
