import { RegistryError } from '../../core/errors/index.js';
import { MigrationError, planChain } from '../../core/migrate/index.js';
import { hopWithoutRuleAllowed, versionedSchema } from './migration-probe.js';
import type { RegistryContext } from './context.js';
import { resolveVersion, versionsOrNotFound } from './lookup.js';
import { parseVersionSelector } from './version-param.js';

/** `POST /subjects/{s}/versions/{v}/validate`: ajv's verdict on one event, as data. */
export async function validateEvent(ctx: RegistryContext, subject: string, rawVersion: string, body: unknown) {
  const event = eventField(body);
  const version = await resolveVersion(ctx.db, subject, parseVersionSelector(rawVersion));
  const validator = await (await ctx.schemas.load(ctx.db, version.id))!.validator();
  const { valid, errors } = validator.check(event);
  return { valid, subject, version: version.version, semver: version.semver, errors };
}

/**
 * `POST /subjects/{s}/upcast`: validates the event under `from`, runs the migration chain to `to`
 * (up or down), and validates the result under `to` — so a non-TypeScript consumer gets exactly
 * what the SDK would give it.
 */
export async function upcastEvent(ctx: RegistryContext, subject: string, body: unknown) {
  const event = eventField(body);
  const { from: rawFrom, to: rawTo } = body as Record<string, unknown>;
  if ((typeof rawFrom !== 'string' && typeof rawFrom !== 'number') || (typeof rawTo !== 'string' && typeof rawTo !== 'number')) {
    throw new RegistryError('BAD_REQUEST', 'The body must be {"event": …, "from": <version or semver>, "to": <version or semver>}');
  }
  const live = await versionsOrNotFound(ctx.db, subject);
  const from = await resolveVersion(ctx.db, subject, parseVersionSelector(rawFrom));
  const to = await resolveVersion(ctx.db, subject, parseVersionSelector(rawTo));
  const versions = await Promise.all(live.map((version) => versionedSchema(ctx, version)));
  const source = versions.find((v) => v.version === from.version)!;
  const target = versions.find((v) => v.version === to.version)!;

  const sourceCheck = await (await ctx.schemas.load(ctx.db, from.id))!.validator();
  const sourceOutcome = sourceCheck.check(event);
  if (!sourceOutcome.valid) {
    throw new RegistryError('INVALID_EVENT', `The event is not valid under version ${from.version} (${from.semver})`, { errors: sourceOutcome.errors });
  }
  const chain = planChain(versions, source.version, target.version, hopWithoutRuleAllowed);
  let migrated: unknown;
  try {
    migrated = await chain.runAsync(event);
  } catch (error) {
    if (error instanceof MigrationError) {
      throw new RegistryError('INVALID_RULESET', error.message, { failure: error.failure, rule: error.rule, hop: error.hop }, { cause: error });
    }
    throw error;
  }
  const targetCheck = await (await ctx.schemas.load(ctx.db, to.id))!.validator();
  const targetOutcome = targetCheck.check(migrated);
  if (!targetOutcome.valid) {
    throw new RegistryError('INVALID_EVENT', `The migrated event is not valid under version ${to.version} (${to.semver})`, {
      errors: targetOutcome.errors,
      output: migrated,
    });
  }
  return {
    event: migrated,
    from: { version: from.version, semver: from.semver },
    to: { version: to.version, semver: to.semver },
    hops: chain.hops,
  };
}

function eventField(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !('event' in body)) {
    throw new RegistryError('BAD_REQUEST', 'The body must be a JSON object with an "event" field');
  }
  return (body as { event: unknown }).event;
}
