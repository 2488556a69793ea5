import { createRequire } from 'node:module';
import { Ajv, type AnySchemaObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { dialectUris, type Dialect } from './schema-cases.js';

const addFormats = ((addFormatsModule as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => void;
const AjvDraft04 = ((AjvDraft04Module as { default?: unknown }).default ?? AjvDraft04Module) as unknown as typeof Ajv;
const draft06 = createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-06.json') as AnySchemaObject;

/**
 * The independent judge of the validator differential: plain ajv as its documentation sets it up
 * — one instance of the root's dialect class, formats, every error — with the references added
 * to it under their names, read in the root's dialect (their `$schema` replaced by the root's).
 * None of Charter's code: V8 regexes, ajv's own `uniqueItems`, ajv's own meta-schema checks.
 * Returns the validate function, or the compile error's message.
 */
export function oracle(dialect: Dialect, schema: Record<string, unknown>, references: Record<string, Record<string, unknown>>): ValidateFunction | string {
  const Class = { 'draft-04': AjvDraft04, 'draft-06': Ajv, 'draft-07': Ajv, '2019-09': Ajv2019, '2020-12': Ajv2020 }[dialect] as typeof Ajv;
  const ajv = new Class({ strict: false, allErrors: true });
  if (dialect === 'draft-06') ajv.addMetaSchema(draft06);
  addFormats(ajv);
  try {
    for (const [name, referenced] of Object.entries(references)) ajv.addSchema({ ...referenced, $schema: dialectUris[dialect] }, name);
    return ajv.compile(schema);
  } catch (error) {
    return (error as Error).message;
  }
}
