import { compatibilityLevels, type CompatibilityLevel, type CompatibilityPolicy } from '../../core/compat/index.js';
import { RegistryError } from '../../core/errors/index.js';
import type { SqlExecutor } from '../storage/sql-driver.js';
import { contextSettingsKey } from '../../core/contexts/context-name.js';
import { assertValidSubject } from '../../core/policy/index.js';
import type { ContractDefaults } from './data-contract.js';
import { parseMetadata, parseRuleSet } from './register-request.js';
import { GLOBAL, readConfig, readMode } from '../storage/settings-rows.js';
import { compatibilityModes, type RegistryMode } from './model.js';

/** Config as stored per subject (and globally): every field optional, Confluent's names. */
export interface SubjectConfig extends ContractDefaults {
  compatibilityLevel?: CompatibilityLevel;
  compatibilityPolicy?: CompatibilityPolicy;
  /** Confluent's meaning: a metadata property whose value splits versions into groups. Unset: the semver major. */
  compatibilityGroup?: string;
  normalize?: boolean;
  /** A new major (compatibility group) must carry an UPGRADE rule from the previous version. */
  requireMigration?: boolean;
  /** Confluent's alias: this subject stands for the named one in registrations and reads. */
  alias?: string;
}

type OptionalSettings = 'compatibilityGroup' | 'alias' | keyof ContractDefaults;
export type EffectiveConfig = Required<Omit<SubjectConfig, OptionalSettings>> & Pick<SubjectConfig, OptionalSettings>;

export const defaultConfig: EffectiveConfig = {
  compatibilityLevel: 'BACKWARD',
  compatibilityPolicy: 'STRICT',
  normalize: false,
  requireMigration: true,
};

/** Subject settings over global settings over Charter's defaults. */
/** Subject settings over its context's (`:.ctx:`) over global settings over Charter's defaults. */
export async function effectiveConfig(db: SqlExecutor, subject: string): Promise<EffectiveConfig> {
  const contextKey = subject === GLOBAL ? undefined : contextSettingsKey(subject);
  const [globalConfig, contextConfig, ownConfig] = await Promise.all([
    readConfig<SubjectConfig>(db, GLOBAL),
    contextKey === undefined || contextKey === subject ? undefined : readConfig<SubjectConfig>(db, contextKey),
    subject === GLOBAL ? undefined : readConfig<SubjectConfig>(db, subject),
  ]);
  return settingsOf({ globalConfig, contextConfig, ownConfig }).config;
}

export async function effectiveMode(db: SqlExecutor, subject: string): Promise<RegistryMode> {
  const ownMode = subject === GLOBAL ? undefined : await readMode(db, subject);
  // The context's and global modes matter only when the subject has none of its own.
  const contextKey = subject === GLOBAL ? undefined : contextSettingsKey(subject);
  const contextMode = ownMode === undefined && contextKey !== undefined && contextKey !== subject ? await readMode(db, contextKey) : undefined;
  const globalMode = ownMode === undefined && contextMode === undefined ? await readMode(db, GLOBAL) : undefined;
  return settingsOf({ ownMode, contextMode, globalMode }).mode;
}

/** Stored settings rows: global, the subject's context (Confluent contexts), and the subject's own. */
export interface StoredSettings {
  globalConfig?: SubjectConfig;
  contextConfig?: SubjectConfig;
  ownConfig?: SubjectConfig;
  globalMode?: string;
  contextMode?: string;
  ownMode?: string;
}

/** Effective mode and config from the stored rows (read together by registration): nearest wins. */
export function settingsOf(settings: StoredSettings): {
  mode: RegistryMode;
  config: EffectiveConfig;
} {
  return {
    mode: (settings.ownMode ?? settings.contextMode ?? settings.globalMode ?? 'READWRITE') as RegistryMode,
    config: { ...defaultConfig, ...settings.globalConfig, ...settings.contextConfig, ...settings.ownConfig },
  };
}

/** Reads a config body (`PUT /config`), refusing unknown levels and wrongly typed fields. */
export function parseConfigBody(body: unknown): SubjectConfig {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new RegistryError('BAD_REQUEST', 'The config body must be a JSON object such as {"compatibility": "FULL"}');
  }
  const input = body as Record<string, unknown>;
  const config: SubjectConfig = {};
  const level = input.compatibility ?? input.compatibilityLevel;
  if (level !== undefined) {
    const upper = typeof level === 'string' ? level.toUpperCase() : level;
    if (!compatibilityLevels.includes(upper as CompatibilityLevel)) {
      throw new RegistryError(
        'INVALID_COMPATIBILITY_LEVEL',
        `Invalid compatibility level ${JSON.stringify(level)}. Valid values are ${compatibilityLevels.join(', ')}`,
      );
    }
    config.compatibilityLevel = upper as CompatibilityLevel;
  }
  if (input.compatibilityPolicy !== undefined) {
    if (input.compatibilityPolicy !== 'STRICT' && input.compatibilityPolicy !== 'LENIENT') {
      throw new RegistryError('INVALID_COMPATIBILITY_LEVEL', `Invalid compatibilityPolicy ${JSON.stringify(input.compatibilityPolicy)}. Valid values are STRICT, LENIENT`);
    }
    config.compatibilityPolicy = input.compatibilityPolicy;
  }
  if (input.compatibilityGroup !== undefined) {
    if (typeof input.compatibilityGroup !== 'string' || input.compatibilityGroup.length > 200) {
      throw new RegistryError('BAD_REQUEST', 'compatibilityGroup must be the name of a metadata property (a string)');
    }
    config.compatibilityGroup = input.compatibilityGroup;
  }
  if (input.alias !== undefined && input.alias !== null) {
    if (typeof input.alias !== 'string' || input.alias.length > 255) throw new RegistryError('BAD_REQUEST', 'alias must be the name of another subject');
    assertValidSubject(input.alias);
    config.alias = input.alias;
  }
  for (const field of ['defaultMetadata', 'overrideMetadata'] as const) {
    if (input[field] !== undefined && input[field] !== null) config[field] = parseMetadata(input[field], field);
  }
  for (const field of ['defaultRuleSet', 'overrideRuleSet'] as const) {
    if (input[field] !== undefined && input[field] !== null) config[field] = parseRuleSet(input[field], field);
  }
  for (const flag of ['normalize', 'requireMigration'] as const) {
    if (input[flag] === undefined) continue;
    if (typeof input[flag] !== 'boolean') throw new RegistryError('BAD_REQUEST', `${flag} must be true or false`);
    config[flag] = input[flag];
  }
  if (Object.keys(config).length === 0) {
    throw new RegistryError('INVALID_COMPATIBILITY_LEVEL', 'The config body names no setting; send e.g. {"compatibility": "FULL"}');
  }
  return config;
}

export function parseModeBody(body: unknown): RegistryMode {
  const mode = body !== null && typeof body === 'object' ? (body as Record<string, unknown>).mode : undefined;
  const upper = typeof mode === 'string' ? mode.toUpperCase() : mode;
  if (!compatibilityModes.includes(upper as RegistryMode)) {
    throw new RegistryError('INVALID_MODE', `Invalid mode ${JSON.stringify(mode ?? null)}. Valid values are ${compatibilityModes.join(', ')}`);
  }
  return upper as RegistryMode;
}
