/**
 * The validator factory: the one place Charter builds JSON Schema validators.
 * - `createValidator(schema, references, options)` → a validator, or a failure as data;
 * - `validatorSource` → the same validator as standalone JavaScript (codegen, compile pool),
 *   `validatorFromSource` to load it;
 * - `metaSchemaErrors`, `dialectOf`, `validationCost` — the checks the factory makes, for callers
 *   that report them on their own.
 */
export { createValidator, createValidatorOrThrow, referenceNameAliases, type SchemaValidator, type ValidatorBuild, type ValidatorOptions } from './create-validator.js';
export { loadValidator, validatorFromSource, validatorSource, warmedCodeCache, type SourceBuild } from './standalone.js';
export { dialectOf, metaSchemaUri, type Dialect } from './dialect.js';
export type { ValidatorFailure } from './failure.js';
export { metaSchemaErrors } from './meta-schema.js';
export { MAX_VALIDATION_COST, validationCost, type CostVerdict } from './validation-cost.js';
export { compilePieces, type CompilePieces } from './compile-pieces.js';
export { duplicateItems } from './duplicate-items.js';
export type { ValidationOutcome } from '../run-validator.js';
