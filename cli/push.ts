import { join } from 'node:path';
import semver from 'semver';
import { SubjectNotFoundError, type RuleSet, type SemverEntry } from '../client/index.js';
import { loadContracts, type ContractSubject, type ContractVersion } from '../codegen/index.js';
import { RegistryError } from '../core/errors/index.js';
import { canonicalJson } from '../core/schema/canonical.js';
import { flag, parseFlags, registryOption, requireFlag } from './args.js';
import { checkFolder } from './check/check-folder.js';
import { emptyBaseline } from './check/baseline.js';
import { formats } from './check/formats.js';
import { err, out } from './output.js';
import { openRegistry, type CliRegistry } from './registry.js';
import { UsageError } from './usage-error.js';

export const pushHelp = `charter push DIR --registry URL

Registers what is new in a contracts folder, per subject in semver order, with its declared semver,
migration rules (<semver>.upgrade.jsonata / .downgrade.jsonata) and valid example events. A
subject.json compatibility level is set on the registry before the subject's first new version.
The folder is checked offline first (as 'charter check DIR' does); if that finds a problem nothing
is registered. Versions already registered with the same schema are reported as unchanged.`;

const enc = encodeURIComponent;

/** `charter push`: exit 0 when everything is registered or unchanged, 1 when something was refused. */
export async function push(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, registryOption, pushHelp, 1);
  const registry = openRegistry(requireFlag(values, 'registry', pushHelp), flag(values, 'ca'));
  const dir = positionals[0];
  if (dir === undefined) throw new UsageError(`name the contracts folder to push\n\n${pushHelp}`);
  const folder = await loadContracts(dir);

  // 1. The offline gate: a folder that fails check registers nothing, not even its good versions.
  const report = await checkFolder(dir, folder, emptyBaseline('the folder itself'));
  if (report.findings.some((f) => f.severity === 'error')) {
    out(formats.text(report));
    err(`Nothing was registered: fix the problems above, then push again.`);
    return 1;
  }
  // 2. Register, subject by subject; a refusal stops that subject (later versions build on it).
  let refused = false;
  for (const subject of folder.subjects) refused = !(await pushSubject(registry, dir, subject)) || refused;
  return refused ? 1 : 0;
}

async function pushSubject(registry: CliRegistry, dir: string, contract: ContractSubject): Promise<boolean> {
  const { client } = registry;
  const { subject } = contract;
  const registered = await semversOf(registry, subject);
  const fresh = contract.versions.filter((v) => !registered.has(v.semver));
  for (const v of contract.versions.filter((v) => registered.has(v.semver))) {
    const existing = await client.getVersion(subject, v.semver);
    if (canonicalJson(JSON.parse(existing.schema)) !== canonicalJson(v.schema)) {
      out(`${subject} ${v.semver}  REFUSED  ${join(dir, v.schemaFile)} differs from the registered ${v.semver} (version ${existing.version}); registered versions are immutable, publish the change as a new semver`);
      return false;
    }
    out(`${subject} ${v.semver}  unchanged`);
  }
  if (fresh.length > 0) await applySettings(registry, contract);
  for (const v of fresh.sort((a, b) => semver.compare(a.semver, b.semver))) {
    try {
      const result = await client.register(subject, registerBody(v, contract));
      out(`${subject} ${v.semver}  registered (id ${result.id}, version ${result.version})`);
    } catch (error) {
      if (!(error instanceof RegistryError) || error.status >= 500) throw error;
      out(`${subject} ${v.semver}  REFUSED  ${join(dir, v.schemaFile)}: ${error.message}`);
      return false;
    }
  }
  return true;
}

function registerBody(v: ContractVersion, contract: ContractSubject) {
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

async function semversOf({ client }: CliRegistry, subject: string): Promise<Set<string>> {
  try {
    return new Set((await client.getSemvers(subject)).map((e: SemverEntry) => e.semver));
  } catch (error) {
    if (error instanceof SubjectNotFoundError) return new Set();
    throw error;
  }
}

/** subject.json settings the registry enforces, written only when they differ from what is in effect. */
async function applySettings({ http }: CliRegistry, contract: ContractSubject): Promise<void> {
  const { compatibility, compatibilityGroup, requireMigration } = contract.settings;
  const wanted: Record<string, unknown> = { compatibility: compatibility?.toUpperCase(), compatibilityGroup, requireMigration };
  const current = await http.request<Record<string, unknown>>('GET', `/config/${enc(contract.subject)}?defaultToGlobal=true`);
  const inEffect: Record<string, unknown> = { ...current, compatibility: current.compatibilityLevel ?? current.compatibility };
  const update = Object.fromEntries(Object.entries(wanted).filter(([key, value]) => value !== undefined && value !== inEffect[key]));
  if (Object.keys(update).length === 0) return;
  await http.request('PUT', `/config/${enc(contract.subject)}`, update);
  out(`${contract.subject}  config set: ${Object.entries(update).map(([k, v]) => `${k}=${v}`).join(', ')}`);
}
