import { createRequire } from 'node:module';
import { Ajv, type AnySchemaObject, type Options } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { re2RegExp } from '../re2-regexp.js';
import type { Dialect } from './dialect.js';
import { uniqueItemsKeyword } from './unique-items-keyword.js';

// ajv-formats and ajv-draft-04 ship CommonJS whose default export is the class or plugin.
const addFormats = ((addFormatsModule as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;
const AjvDraft04 = ((AjvDraft04Module as { default?: unknown }).default ?? AjvDraft04Module) as unknown as typeof Ajv;

/** What may differ between validators: nothing that changes a verdict. */
export interface AjvTuning {
  /** Error message texts (default true); a yes/no check skips them. */
  messages?: boolean;
  /** ajv's code optimisation (default true); one-off checks compile faster without it. */
  optimize?: boolean;
  /** Emit standalone source (codegen, compile pool). */
  source?: boolean;
  /** With `source`: ES module exports, and line breaks in the code. */
  esm?: boolean;
  lines?: boolean;
}

/**
 * The options every validator shares — the one policy for how Charter validates:
 * - `allErrors: true` everywhere: every error is reported, and ajv 8 with `allErrors: false` wrongly
 *   accepts `[]` under `{prefixItems, items, contains, minContains: 1}`;
 * - `strict: false`: registered schemas may carry vendor keywords;
 * - formats checked (ajv-formats, full mode);
 * - patterns on RE2 (linear time), in process and in generated code alike;
 * - no `loadSchema`: a `$ref` to a URL is never fetched;
 * - the meta-schema check is done once per dialect by the factory, not by each instance;
 * - `addUsedSchema: false`: a compiled schema's `$id` is not registered in the instance, so two
 *   versions sharing an `$id` never collide.
 */
function optionsFor(tuning: AjvTuning): Options {
  return {
    strict: false,
    allErrors: true,
    validateFormats: true,
    unicodeRegExp: true,
    validateSchema: false,
    addUsedSchema: false,
    messages: tuning.messages ?? true,
    code: { regExp: re2RegExp, optimize: tuning.optimize ?? true, ...(tuning.source ? { source: true, esm: tuning.esm ?? false, lines: tuning.lines ?? false } : {}) },
  };
}

// Loaded with require: JSON import attributes are not in every Node 20.
const draft06MetaSchema = createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-06.json') as AnySchemaObject;

const classes: Readonly<Record<Dialect, typeof Ajv>> = {
  'draft-04': AjvDraft04,
  'draft-06': Ajv,
  'draft-07': Ajv,
  '2019-09': Ajv2019 as unknown as typeof Ajv,
  '2020-12': Ajv2020 as unknown as typeof Ajv,
};

/** A fresh ajv for one dialect, set up as every Charter validator is. */
export function newAjv(dialect: Dialect, tuning: AjvTuning = {}): Ajv {
  const ajv = new classes[dialect](optionsFor(tuning));
  // Draft-06 is draft-07's class with draft-06's meta-schema. Keywords of later drafts (`if`,
  // `contains`, `const` in draft-04) apply in the older dialects too, as ajv applies them and as
  // the compatibility engine (which reads draft-04/06 as draft-07) assumes.
  if (dialect === 'draft-06') ajv.addMetaSchema(draft06MetaSchema);
  ajv.removeKeyword('uniqueItems');
  ajv.addKeyword(uniqueItemsKeyword);
  addFormats(ajv);
  return ajv;
}
