import { checkCompatibility, counterexampleSearchOf, type CompatibilityLevel, type CompatibilityResult } from '../../core/compat/index.js';
import { RegistryError } from '../../core/errors/index.js';
import type { RegistryContext } from './context.js';
import { resolveVersion, versionsOrNotFound } from './lookup.js';
import { parseRegisterRequest } from './register-request.js';
import { prepareRequestSchema } from './request-schema.js';
import { decideVersion, groupFunction } from '../../core/policy/index.js';
import { effectiveConfig } from './settings.js';
import type { VersionSelector } from './version-param.js';

export interface CompatibilityAnswer {
  is_compatible: boolean;
  messages?: string[];
  changes?: CompatibilityResult['changes'];
  counterexample?: CompatibilityResult['counterexample'];
  /** The semver this schema would be registered as (when compatible and inferable). */
  semver?: string;
}

const singleVersionLevel: Record<CompatibilityLevel, CompatibilityLevel> = {
  NONE: 'NONE',
  BACKWARD: 'BACKWARD',
  BACKWARD_TRANSITIVE: 'BACKWARD',
  FORWARD: 'FORWARD',
  FORWARD_TRANSITIVE: 'FORWARD',
  FULL: 'FULL',
  FULL_TRANSITIVE: 'FULL',
};

/**
 * `POST /compatibility/subjects/{s}/versions[/{v}]`: with a version, the schema is checked against
 * that one version; without, against the versions the subject's level names (the whole group for
 * transitive levels). Nothing is written.
 */
export async function checkSchemaCompatibility(
  ctx: RegistryContext,
  subject: string,
  selector: VersionSelector | undefined,
  body: unknown,
  options: { verbose: boolean; normalize?: boolean },
): Promise<CompatibilityAnswer> {
  const request = parseRegisterRequest(body);
  const config = await effectiveConfig(ctx.db, subject);
  const { candidate } = await prepareRequestSchema(ctx, request, Boolean(options.normalize) || config.normalize, { compile: 'pieces' });
  // The counterexample of a refusal is searched for on the compile pool (answer() below), not here.
  const policy = { policy: config.compatibilityPolicy, counterexample: 'deferred' as const };

  if (selector) {
    const target = await resolveVersion(ctx.db, subject, selector);
    const loaded = await ctx.schemas.load(ctx.db, target.id);
    if (!loaded) throw new RegistryError('SCHEMA_NOT_FOUND', `Schema ${target.id} not found`);
    const result = checkCompatibility(candidate, [{ ...loaded.input, version: target.version }], singleVersionLevel[config.compatibilityLevel], policy);
    return answer(ctx, result, options.verbose);
  }

  const live = await versionsOrNotFound(ctx.db, subject).catch((error: unknown) => {
    if (error instanceof RegistryError && error.code === 'SUBJECT_NOT_FOUND') return [];
    throw error;
  });
  if (live.length === 0) return { is_compatible: true, ...(options.verbose ? { messages: [] } : {}), semver: request.semver ?? '1.0.0' };
  const inputs = await Promise.all(
    live.map(async (version) => ({ version, input: (await ctx.schemas.load(ctx.db, version.id))!.input })),
  );
  // Groups as registration forms them (the semver major, or the configured metadata property).
  const groupOf = groupFunction(config);
  const group = groupOf({ semver: request.semver ?? live.at(-1)!.semver, metadata: request.metadata });
  const inGroup = inputs.filter(({ version }) => groupOf(version) === group).reverse();
  const result = checkCompatibility(candidate, inGroup.map(({ version, input }) => ({ ...input, version: version.version })), config.compatibilityLevel, policy);
  const reply = await answer(ctx, result, options.verbose);
  if (result.compatible) {
    try {
      reply.semver = decideVersion({
        candidate,
        candidateGroup: (sv) => groupOf({ semver: sv, metadata: request.metadata }),
        live: inputs.map(({ version, input }) => ({ version: version.version, semver: version.semver, input, group: groupOf(version) })),
        declared: request.semver,
        config,
        checked: result,
      }).semver;
    } catch {
      // The schema is compatible but its declared semver is not acceptable; registration will say why.
    }
  }
  return reply;
}

async function answer(ctx: RegistryContext, result: CompatibilityResult, verbose: boolean): Promise<CompatibilityAnswer> {
  const search = counterexampleSearchOf(result);
  const counterexample = search && (await ctx.compiler.counterexample(search));
  return {
    is_compatible: result.compatible,
    ...(verbose ? { messages: result.messages } : {}),
    changes: result.changes,
    ...(counterexample ? { counterexample } : {}),
  };
}
