import type { ErrorObject } from 'ajv';
import { RegistryError } from '../../core/errors/index.js';
import { MigrationError, planChain } from '../../core/migrate/index.js';
import type { RegistryContext } from './context.js';
import { resolveVersion, versionsOrNotFound } from './lookup.js';
import { hopWithoutRuleAllowed, versionedSchema } from './migration-probe.js';
import type { StoredVersion } from './model.js';
import { parseVersionSelector } from './version-param.js';

/** One hop as it ran: its output, and whether that output is valid under the hop's target. */
export interface TracedHop {
  from: string;
  to: string;
  rule?: string;
  output?: unknown;
  valid?: boolean;
  errors?: ErrorObject[];
  /** Why the hop could not run: no rule and incompatible versions, or the rule failed. */
  failure?: string;
}

export interface MigrationTrace {
  from: { version: number; semver: string };
  to: { version: number; semver: string };
  /** `migrated`: the final event is valid under `to`; otherwise where it stopped. */
  outcome: 'migrated' | 'invalid-input' | 'hop-failed' | 'invalid-output';
  input: { valid: boolean; errors: ErrorObject[] };
  hops: TracedHop[];
  event?: unknown;
  errors?: ErrorObject[];
}

/**
 * `POST /subjects/{s}/upcast/trace`: the same migration as `/upcast`, hop by hop. Each hop's
 * output is shown and validated against the hop's target; the first hop that cannot run stops the
 * trace with the reason. Failures are the answer (200), not errors: the caller asked to see them.
 */
export async function traceMigration(ctx: RegistryContext, subject: string, body: { event: unknown; from: string | number; to: string | number }): Promise<MigrationTrace> {
  const live = await versionsOrNotFound(ctx.db, subject);
  const [from, to] = await Promise.all([
    resolveVersion(ctx.db, subject, parseVersionSelector(body.from)),
    resolveVersion(ctx.db, subject, parseVersionSelector(body.to)),
  ]);
  const versions = await Promise.all(live.map((version) => versionedSchema(ctx, version)));
  const ends = { from: { version: from.version, semver: from.semver }, to: { version: to.version, semver: to.semver } };
  const input = await validate(ctx, from, body.event);
  if (!input.valid) return { ...ends, outcome: 'invalid-input', input, hops: [] };

  const path = pathBetween(live, from, to);
  const hops: TracedHop[] = [];
  let value = body.event;
  for (let i = 1; i < path.length; i++) {
    const [a, b] = [path[i - 1]!, path[i]!];
    const hop: TracedHop = { from: a.semver, to: b.semver };
    hops.push(hop);
    try {
      const chain = planChain(versions, a.version, b.version, hopWithoutRuleAllowed, { subject });
      if (chain.hops[0]?.rule) hop.rule = chain.hops[0].rule;
      value = await chain.runAsync(value);
    } catch (error) {
      if (!(error instanceof MigrationError) && !(error instanceof RegistryError && error.status < 500)) throw error;
      hop.failure = error.message;
      return { ...ends, outcome: 'hop-failed', input, hops };
    }
    const outcome = await validate(ctx, b, value);
    Object.assign(hop, { output: value, valid: outcome.valid }, outcome.valid ? {} : { errors: outcome.errors });
  }
  const final = await validate(ctx, to, value);
  return { ...ends, outcome: final.valid ? 'migrated' : 'invalid-output', input, hops, event: value, ...(final.valid ? {} : { errors: final.errors }) };
}

/** The live versions from `from` to `to`, inclusive, in the order the chain visits them. */
function pathBetween(live: StoredVersion[], from: StoredVersion, to: StoredVersion): StoredVersion[] {
  const i = live.findIndex((v) => v.version === from.version);
  const j = live.findIndex((v) => v.version === to.version);
  return i <= j ? live.slice(i, j + 1) : live.slice(j, i + 1).reverse();
}

async function validate(ctx: RegistryContext, version: StoredVersion, value: unknown) {
  const loaded = await ctx.schemas.load(ctx.db, version.id);
  if (!loaded) throw new RegistryError('SCHEMA_NOT_FOUND', `Schema ${version.id} not found`);
  return (await loaded.validator()).check(value);
}
