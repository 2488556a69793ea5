import { confluentReferences, type ContractFolder, type ContractSubject, type ContractVersion } from '../../codegen/index.js';
import type { RuleSet } from '../../client/index.js';
import { UsageError } from '../usage-error.js';
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

/**
 * The folder against the registry's state: per subject, what is new and which settings change;
 * subjects whose new versions are referenced come before the subjects referencing them (so the
 * versions land in an order resolveFolderReferences' `order` agrees with).
 */
export function planPush(folder: ContractFolder, baseline: Baseline): SubjectPlan[] {
  const plans = folder.subjects.map((contract) => {
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
  return referencedFirst(plans);
}

/**
 * Subjects in an order where every new version a subject references is registered by an earlier
 * subject's batch: Kahn's algorithm over subjects, in folder order among those ready. Each
 * subject stays one batch (all or nothing), so subjects whose new versions reference each other
 * both ways cannot be pushed in one go.
 */
function referencedFirst(plans: SubjectPlan[]): SubjectPlan[] {
  const fresh = new Set(plans.flatMap((p) => p.fresh.map((v) => `${p.subject}/${v.semver}`)));
  const needs = new Map(plans.map((p) => [p.subject, new Set(p.fresh.flatMap((v) => v.references ?? []).filter((r) => fresh.has(r.name) && r.subject !== p.subject).map((r) => r.subject))]));
  const pending = [...plans];
  const sorted: SubjectPlan[] = [];
  while (pending.length > 0) {
    const i = pending.findIndex((p) => [...needs.get(p.subject)!].every((s) => sorted.some((d) => d.subject === s)));
    if (i < 0) {
      const stuck = pending.filter((p) => needs.get(p.subject)!.size > 0).map((p) => p.subject);
      throw new UsageError(`cannot push in one go: the new versions of ${stuck.join(', ')} reference each other's new versions; push the referenced versions first (move the others out of the folder for one push)`);
    }
    sorted.push(...pending.splice(i, 1));
  }
  return sorted;
}

/** Registry version numbers by reference name (`<subject>/<semver>`): the baseline's, then each batch's results. */
export function versionNumbers(baseline: Baseline): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const [subject, s] of baseline.subjects) for (const v of s.versions) if (v.version !== undefined) numbers.set(`${subject}/${v.semver}`, v.version);
  return numbers;
}

/**
 * The body `POST /subjects/{s}/versions[/batch]` takes for a folder version: its `$ref`s to other
 * contracts become Confluent references (name, subject, and the registry version holding the semver).
 */
export function registerBody(v: ContractVersion, contract: ContractSubject, numbers: ReadonlyMap<string, number> = new Map()) {
  const { owner, description } = contract.settings;
  const properties = { ...(owner ? { owner } : {}), ...(description ? { description } : {}) };
  const { references } = confluentReferences(v, numbers);
  return {
    schema: v.schema as object,
    semver: v.semver,
    ...(references.length > 0 ? { references } : {}),
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
