import { Ajv, type Options } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
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
  // Patterns run on RE2-like semantics where possible; see core/schema/safe-pattern.ts for the guard.
  unicodeRegExp: true,
};

/** A fresh ajv instance for one draft, with formats. */
export function createAjv(draft: Draft, options: Options = {}): Ajv {
  const opts = { ...baseAjvOptions, ...options };
  const ajv: Ajv =
    draft === '2020-12' ? new Ajv2020(opts) : draft === '2019-09' ? (new Ajv2019(opts) as unknown as Ajv) : new Ajv(opts);
  addFormats(ajv);
  return ajv;
}
