import type { RegisterSchemaInput, RegistryClient } from '../../client/index.js';
import { loadContracts } from '../../codegen/index.js';

export interface PushedVersion {
  subject: string;
  semver: string;
  id: number;
  version: number;
}

/**
 * Registers every version of every contract in a `schemas/` folder, oldest first, with its
 * migration rules and example events (the registry verifies the rules against them). Registering
 * an identical schema again is a no-op in the registry, so pushing is idempotent. A refused
 * version throws the registry's error (e.g. `IncompatibleSchemaError`) and stops the push.
 *
 * @example
 *   await pushContracts(new RegistryClient({ url }), 'schemas');
 */
export async function pushContracts(registry: RegistryClient, dir: string): Promise<PushedVersion[]> {
  const folder = await loadContracts(dir);
  const pushed: PushedVersion[] = [];
  for (const contract of folder.subjects) {
    if (contract.settings.compatibility !== undefined) await registry.setConfig(contract.subject, contract.settings.compatibility);
    for (const v of contract.versions) {
      const input: RegisterSchemaInput = { schema: v.schema as object, semver: v.semver, examples: v.examples?.valid ?? [] };
      if (v.ruleSet !== undefined) input.ruleSet = { migrationRules: v.ruleSet.migrationRules.map((rule) => ({ ...rule })) };
      const registered = await registry.register(contract.subject, input);
      pushed.push({ subject: contract.subject, semver: registered.semver, id: registered.id, version: registered.version });
    }
  }
  return pushed;
}
