/**
 * Documents, drafts, `$ref` resolution and structural identity for the compatibility engine.
 *
 * Everything here is cached by object identity (a WeakMap, or for per-node ids a non-enumerable
 * symbol on the node): a schema object handed to the engine is treated as immutable. A `Doc` is one schema document together with the referenced schemas it may
 * name; its resolution index ($id / $anchor) and every node's structural id are computed once.
 *
 * `$ref` resolves inside the document (JSON pointers, `$id`-relative URIs, anchors) and against the
 * supplied `references` map (Confluent style: the `$ref` value, or the part before `#`, is the
 * reference name). Nothing is ever fetched: any other URI is unresolvable.
 */
export type { Draft, JsonSchema, JsonSchemaObject, ReferencedSchemas } from '../../schema/types.js';
export { MAX_DOC_DEPTH, MAX_DOC_NODES } from './limits.js';
export { isObject } from './is-object.js';
export { compatDraft } from './compat-draft.js';
export { internSequence, nodeInfo, onInternReset, stringId, type NodeInfo } from './node-info.js';
export { getDoc, type Doc } from './doc.js';
export { resolveRef, type Located, type Resolution } from './resolve-ref.js';
export { childBase } from './uri.js';
export { escapePointer } from './pointer.js';
export { unreadableAt } from './unreadable.js';
