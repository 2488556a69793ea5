import { ContractError } from './contract-error.js';
import type { ContractExamples, SubjectSettings } from './types.js';

const settingTypes: Record<keyof SubjectSettings, 'string' | 'boolean'> = {
  compatibility: 'string',
  compatibilityGroup: 'string',
  description: 'string',
  owner: 'string',
  requireMigration: 'boolean',
};

/** Checks `subject.json`; an unknown key is refused because it is most likely a typo. */
export function checkSettings(value: unknown, file: string): SubjectSettings {
  if (!isPlainObject(value)) throw new ContractError(file, 'subject.json must hold an object');
  for (const [key, v] of Object.entries(value)) {
    const expected = settingTypes[key as keyof SubjectSettings];
    if (!expected) throw new ContractError(file, `unknown setting '${key}'; known: ${Object.keys(settingTypes).join(', ')}`);
    if (typeof v !== expected) throw new ContractError(file, `setting '${key}' must be a ${expected}`);
  }
  return value as SubjectSettings;
}

/** Checks `<semver>.examples.json`: `{valid?: [...], invalid?: [...]}`. */
export function checkExamples(value: unknown, file: string): ContractExamples {
  if (!isPlainObject(value)) throw new ContractError(file, 'examples must be an object {valid: [...], invalid: [...]}');
  for (const key of Object.keys(value)) {
    if (key !== 'valid' && key !== 'invalid') throw new ContractError(file, `unknown key '${key}'; expected valid and invalid`);
  }
  const { valid = [], invalid = [] } = value as { valid?: unknown; invalid?: unknown };
  if (!Array.isArray(valid) || !Array.isArray(invalid)) throw new ContractError(file, "'valid' and 'invalid' must be arrays of events");
  return { valid, invalid };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
