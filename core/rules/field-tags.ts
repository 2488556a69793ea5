import type { MetadataTags } from './types.js';

/**
 * The tags of a field: its schema's `confluent:tags` plus every metadata tag whose path pattern
 * matches the field's full name (`$.customer.email`). In a pattern `**` spans any number of path
 * segments and `*` stays within one, as Confluent's wildcard paths.
 */
export function fieldTags(fieldSchema: unknown, fullName: string, metadataTags: MetadataTags | undefined): Set<string> {
  const inline = (fieldSchema as { 'confluent:tags'?: unknown } | null)?.['confluent:tags'];
  const tags = new Set<string>(Array.isArray(inline) ? inline.filter((tag): tag is string => typeof tag === 'string') : []);
  for (const [pattern, patternTags] of Object.entries(metadataTags ?? {})) {
    if (pathPattern(pattern).test(fullName)) for (const tag of patternTags) tags.add(tag);
  }
  return tags;
}

const patterns = new Map<string, RegExp>();

function pathPattern(pattern: string): RegExp {
  let compiled = patterns.get(pattern);
  if (compiled === undefined) {
    const source = pattern
      .split(/(\*\*|\*)/)
      .map((part) => (part === '**' ? '.*' : part === '*' ? '[^.]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    compiled = new RegExp(`^${source}$`, 'u');
    if (patterns.size < 1000) patterns.set(pattern, compiled);
  }
  return compiled;
}
