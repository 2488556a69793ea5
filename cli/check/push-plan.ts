import type { ContractFolder, ContractSubject, ContractVersion } from '../../codegen/index.js';
import type { RuleSet } from '../../client/index.js';
import type { Baseline } from './baseline.js';

/** What push registers for one subject: its new versions (semver order) and the config they need. */
export interface SubjectPlan {
  subject: string;
  /** Folder versions the registry already has (compared by check; push reports them unchanged). */
  registered: string[];
  fresh: ContractVersion[];
  contract: ContractSubject;
  /** subject.json settings that differ from what the registry has in effect; written with the versions. */
  config?: Record<string, unknown>;
}

/** The folder against the registry's state: per subject, what is new and which settings change. */
export function planPush(folder: ContractFolder, baseline: Baseline): SubjectPlan[] {
  return folder.subjects.map((contract) => {
    const published = baseline.subjects.get(contract.subject);
    const registered = new Set(published?.versions.map((v) => v.semver));
    const config = configUpdate(contract, published?.settings ?? {});
    return {
      subject: contract.subject,
      contract,
      registered: contract.versions.filter((v) => registered.has(v.semver)).map((v) => v.semver),
      fresh: contract.versions.filter((v) => !registered.has(v.semver)),
      ...(config ? { config } : {}),
    };
  });
}

/** The body `POST /subjects/{s}/versions[/batch]` takes for a folder version. */
export function registerBody(v: ContractVersion, contract: ContractSubject) {
  const { owner, description } = contract.settings;
  const properties = { ...(owner ? { owner } : {}), ...(description ? { description } : {}) };
  return {
    schema: v.schema as object,
    semver: v.semver,
    // Owner and description travel on each version as metadata (Confluent's data-contract convention); `pull` reads them back.
    ...(Object.keys(properties).length > 0 ? { metadata: { properties } } : {}),
    ...(v.ruleSet ? { ruleSet: v.ruleSet as RuleSet } : {}),
    ...(v.examples?.valid.length ? { examples: v.examples.valid } : {}),
  };
}

/** subject.json settings the registry enforces, only those that differ from what is in effect. */
function configUpdate(contract: ContractSubject, current: Record<string, unknown>): Record<string, unknown> | undefined {
  const { compatibility, compatibilityGroup, requireMigration } = contract.settings;
  const wanted: Record<string, unknown> = { compatibility: compatibility?.toUpperCase(), compatibilityGroup, requireMigration };
  const inEffect: Record<string, unknown> = { ...current, compatibility: current.compatibilityLevel ?? current.compatibility };
  const update = Object.entries(wanted).filter(([key, value]) => value !== undefined && value !== inEffect[key]);
  return update.length === 0 ? undefined : Object.fromEntries(update);
}
