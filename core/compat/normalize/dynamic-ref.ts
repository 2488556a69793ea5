import type { Doc } from '../document/index.js';

export type DynamicTarget = { ref: string } | { ignore: true } | { error: string };

/**
 * Where ajv sends a `$dynamicRef` / `$recursiveRef`, when the engine can tell.
 *
 * ajv's draft-07 class does not know either keyword: it is ignored. In 2019-09 and 2020-12 ajv
 * (vocabularies/dynamic/dynamicRef.js) jumps to the validator registered at run time by the first
 * schema carrying the dynamic anchor (`$recursiveAnchor: true` is the anchor ""), and when none is
 * registered yet, to the validating function it is compiled into — which is the root of the
 * document only when no `$ref` made ajv compile a separate function. So the target is known only
 * when the reference sits in the root document, that document has no `$ref` and no embedded
 * resource, and the anchor is defined nowhere but on the root: then every path leads to the root.
 * Anything else is reported as undecidable (conservative).
 */
export function dynamicTarget(keyword: '$dynamicRef' | '$recursiveRef', value: string, doc: Doc): DynamicTarget {
  if (doc.draft === 'draft-07') return { ignore: true };
  if (!value.startsWith('#')) return { error: `${keyword} "${value}" is not a fragment (ajv supports only those)` };
  const anchor = value.slice(1);
  if (doc.top !== undefined) return { error: `${keyword} "${value}" in a referenced schema may resolve to the referencing schema's dynamic scope` };
  if (doc.resources.size > 1 || doc.hasStaticRef) return { error: `${keyword} "${value}" may resolve to one of several places (ajv's dynamic scope)` };
  const defined = doc.dynamicAnchors.get(anchor) ?? 0;
  const onRoot = doc.rootDynamic.has(anchor) ? 1 : 0;
  if (defined > onRoot) return { error: `${keyword} "${value}" may resolve to one of several dynamic anchors` };
  return { ref: '#' };
}
