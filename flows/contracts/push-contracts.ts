import type { RegisterSchemaInput, RegistryClient } from '../../client/index.js';
import { confluentReferences, loadContracts, resolveFolderReferences } from '../../codegen/index.js';

export interface PushedVersion {
  subject: string;
  semver: string;
  id: number;
  version: number;
}

/**
 * Registers every version of every contract in a `schemas/` folder with its migration rules and
 * example events (the registry verifies the rules against them), in reference order: a shared
 * type (`common.Money/1.0.0`) before the versions that reference it, each subject's versions
 * oldest first. A folder `$ref` is sent as a Confluent reference (`name` = the `$ref` target,
 * `subject`, and the registry version holding that semver). Registering an identical schema again
 * is a no-op in the registry, so pushing is idempotent. A refused version throws the registry's
 * error (e.g. `IncompatibleSchemaError`) and stops the push.
 *
 * @example
 *   await pushContracts(new RegistryClient({ url }), 'schemas');
 */
export async function pushContracts(registry: RegistryClient, dir: string): Promise<PushedVersion[]> {
  const folder = await loadContracts(dir);
  const pushed: PushedVersion[] = [];
  const versionOf = new Map<string, number>();
  const configured = new Set<string>();
  for (const { subject: contract, version: v } of resolveFolderReferences(folder, dir).order) {
    if (!configured.has(contract.subject) && contract.settings.compatibility !== undefined) await registry.setConfig(contract.subject, contract.settings.compatibility);
    configured.add(contract.subject);
    const input: RegisterSchemaInput = { schema: v.schema as object, semver: v.semver, examples: v.examples?.valid ?? [] };
    if (v.ruleSet !== undefined) input.ruleSet = { migrationRules: v.ruleSet.migrationRules.map((rule) => ({ ...rule })) };
    // Referenced versions were pushed just before (reference order), or are already in the registry.
    for (const ref of v.references ?? []) if (!versionOf.has(ref.name)) versionOf.set(ref.name, (await registry.getVersion(ref.subject, ref.semver)).version);
    const { references } = confluentReferences(v, versionOf);
    if (references.length > 0) input.references = references;
    const registered = await registry.register(contract.subject, input);
    versionOf.set(`${contract.subject}/${v.semver}`, registered.version);
    pushed.push({ subject: contract.subject, semver: registered.semver, id: registered.id, version: registered.version });
  }
  return pushed;
}
