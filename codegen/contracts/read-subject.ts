import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import semver from 'semver';
import type { JsonSchema } from '../../core/schema/types.js';
import { ContractError } from './contract-error.js';
import { classifyContractFile, subjectSettingsFile, type ContractFileKind } from './contract-file.js';
import { parseJson } from './parse-json.js';
import { contractReferences } from './contract-ref.js';
import { checkExamples, checkSettings } from './check-shapes.js';
import type { ContractSubject, ContractVersion, MigrationRule } from './types.js';

type Parts = Partial<Record<ContractFileKind, { file: string; text: string }>>;

/**
 * Reads one subject folder. `root` is the contracts folder as the caller named it, so error paths
 * read the way the user typed them.
 */
export async function readSubject(root: string, subject: string): Promise<ContractSubject> {
  const folder = join(root, subject);
  const entries = (await readdir(folder, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  const names = entries.map((e) => e.name).sort();
  const folders = new Set(entries.filter((e) => !e.isFile()).map((e) => e.name));
  const partsBySemver = new Map<string, Parts>();
  let settings = {};
  for (const name of names) {
    const file = join(folder, name);
    if (folders.has(name)) throw new ContractError(file, 'unexpected folder inside a subject folder');
    const text = await readFile(file, 'utf8');
    if (name === subjectSettingsFile) {
      settings = checkSettings(parseJson(text, file), file);
      continue;
    }
    const kind = classifyContractFile(name);
    if (!kind) {
      throw new ContractError(file, 'unknown file; expected <semver>.schema.json, .upgrade.jsonata, .downgrade.jsonata, .examples.json or subject.json');
    }
    if (semver.valid(kind.semver) !== kind.semver) throw new ContractError(file, `'${kind.semver}' is not a semver (expected e.g. 1.0.0)`);
    const parts = partsBySemver.get(kind.semver) ?? {};
    parts[kind.kind] = { file, text };
    partsBySemver.set(kind.semver, parts);
  }
  const ordered = [...partsBySemver.keys()].sort(semver.compare);
  const versions = ordered.map((v, index) => toVersion(subject, v, partsBySemver.get(v)!, index === 0));
  if (versions.length === 0) throw new ContractError(folder, 'no <semver>.schema.json in this subject folder');
  return { subject, settings, versions };
}

function toVersion(subject: string, version: string, parts: Parts, first: boolean): ContractVersion {
  const stray = parts.upgrade ?? parts.downgrade ?? parts.examples;
  if (!parts.schema) throw new ContractError(stray!.file, `no ${version}.schema.json for this file to belong to`);
  const schemaFile = `${subject}/${version}.schema.json`;
  const schema = parseJson(parts.schema.text, parts.schema.file) as JsonSchema;
  const result: ContractVersion = { semver: version, schema, schemaFile };
  const references = contractReferences(schema, parts.schema.text);
  if (references.length > 0) result.references = references;
  const rules: MigrationRule[] = [];
  for (const mode of ['upgrade', 'downgrade'] as const) {
    const part = parts[mode];
    if (!part) continue;
    // A rule leads into (or out of) this version from its predecessor; the first version has none.
    if (first) throw new ContractError(part.file, `${mode} rule on the first version; there is no earlier version to migrate ${mode === 'upgrade' ? 'from' : 'to'}`);
    const expr = part.text.trim();
    if (expr === '') throw new ContractError(part.file, `empty ${mode} rule`);
    result[mode] = expr;
    rules.push({ name: `${subject}-${version}-${mode}`, kind: 'TRANSFORM', type: 'JSONATA', mode: mode === 'upgrade' ? 'UPGRADE' : 'DOWNGRADE', expr });
  }
  if (rules.length > 0) result.ruleSet = { migrationRules: rules };
  if (parts.examples) result.examples = checkExamples(parseJson(parts.examples.text, parts.examples.file), parts.examples.file);
  return result;
}
