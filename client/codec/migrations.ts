import { checkCompatibility } from '../../core/compat/index.js';
import { planChain, type CompatibilityProbe, type MigrationChain, type VersionedSchema } from '../../core/migrate/index.js';

export type { MigrationChain, VersionedSchema };

/**
 * A hop without a rule is allowed only when the schemas are compatible in that direction: BACKWARD
 * for an upgrade (the newer schema reads the older events), FORWARD for a downgrade (the older
 * schema reads the newer events). In both cases the newer schema is the candidate.
 */
const isCompatible: CompatibilityProbe = (from, to, direction) => {
  const [candidate, previous] = direction === 'UPGRADE' ? [to, from] : [from, to];
  const level = direction === 'UPGRADE' ? 'BACKWARD' : 'FORWARD';
  const input = (v: VersionedSchema) => ({ schema: v.schema, references: v.references });
  return checkCompatibility(input(candidate), [input(previous)], level).compatible;
};

/** Plans (and compiles) the chain of migration rules from one version of a subject to another. */
export function planMigration(subject: string, versions: VersionedSchema[], from: number, to: number): MigrationChain {
  return planChain(versions, from, to, isCompatible, { subject });
}
