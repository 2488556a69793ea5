import type { SchemaInput } from '../../core/compat/index.js';
import { RegistryError } from '../../core/errors/index.js';
import { CompileError } from '../compile-pool/index.js';
import type { RegistryContext } from './context.js';
import type { RegisterRequest } from './register-request.js';
import { pinReferences, resolveReferences } from './schema-cache.js';
import { prepareSchema, type PreparedSchema } from './schema-document.js';

/**
 * The schema of a register, lookup or compatibility request, checked and ready: references pinned
 * to concrete versions and resolved, the document validated and put in its stored form, compiled
 * once by ajv on a worker thread (so it will compile wherever it is used), and the engine's input
 * built from it. The three routes must read a schema identically.
 *
 * `compile: 'pieces'` (the compatibility check, which stores nothing) lets the pool compile only
 * the property schemas of a wide schema it has not seen compile before (core/schema
 * `compilePieces`): the same verdict, without a quarter of a second of ajv per new version.
 * Registration compiles the whole schema it stores, and records its pieces for those checks.
 */
export async function prepareRequestSchema(
  ctx: RegistryContext,
  request: RegisterRequest,
  normalize: boolean,
  options: { compile?: 'whole' | 'pieces' } = {},
): Promise<{ prepared: PreparedSchema; candidate: SchemaInput }> {
  const references = await pinReferences(ctx.db, request.references);
  const resolved = await resolveReferences(ctx.db, references, ctx.schemas);
  const prepared = prepareSchema({ ...request, references }, resolved, { normalize });
  try {
    await ctx.compiler.check(prepared.parsed, resolved, prepared.text, { pieces: options.compile === 'pieces' ? 'use' : 'record' });
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    throw new RegistryError('INVALID_SCHEMA', `Invalid schema: ${error.message}`, {}, { cause: error });
  }
  return { prepared, candidate: { schema: prepared.parsed, references: resolved } };
}
