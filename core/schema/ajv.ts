import { Ajv, type Options } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { re2RegExp } from './re2-regexp.js';
import type { Draft } from './types.js';

// ajv-formats ships CommonJS whose default export is the plugin function.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export type AnyAjv = Ajv;

/**
 * Options shared by every ajv instance Charter makes. `strict: false` because registered schemas
 * may carry vendor keywords; there is no `loadSchema`, so a `$ref` to a URL is never fetched.
 */
export const baseAjvOptions: Options = {
  strict: false,
  allErrors: true,
  validateFormats: true,
  unicodeRegExp: true,
  // Patterns run on RE2 (linear time): a hostile `pattern` cannot stall validation. See re2-regexp.ts.
  code: { regExp: re2RegExp },
};

/** A fresh ajv instance for one draft, with formats. */
export function createAjv(draft: Draft, options: Options = {}): Ajv {
  // Standalone source (codegen) keeps ajv's own RegExp: generated modules cannot import our engine.
  const code = options.code?.source ? options.code : { ...baseAjvOptions.code, ...options.code };
  const opts = { ...baseAjvOptions, ...options, code };
  const ajv: Ajv =
    draft === '2020-12' ? new Ajv2020(opts) : draft === '2019-09' ? (new Ajv2019(opts) as unknown as Ajv) : new Ajv(opts);
  addFormats(ajv);
  return ajv;
}
