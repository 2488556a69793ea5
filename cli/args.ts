import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `util.parseArgs` in strict mode, with every mistake turned into a UsageError that shows the
 * command's help, so a typo in a flag exits 2 with the flags it could have meant.
 */
export function parseFlags<O extends Options>(argv: string[], options: O, help: string, maxPositionals = 0) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: maxPositionals > 0 });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${help}`);
  }
  applyEnvironmentDefaults(parsed.values as Record<string, unknown>, options);
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(`unexpected argument '${parsed.positionals[maxPositionals]}'\n\n${help}`);
  }
  return parsed as { values: Partial<Record<keyof O, string | boolean>>; positionals: string[] };
}

/**
 * Flags that fall back to an environment variable when not given, unless one of `unlessGiven` is:
 * `CHARTER_REGISTRY` names the registry once per shell or CI job, but `check --against REF` stays offline.
 */
const environmentDefaults: Record<string, { variable: string; unlessGiven: string[] }> = {
  registry: { variable: 'CHARTER_REGISTRY', unlessGiven: ['against'] },
  ca: { variable: 'CHARTER_CA', unlessGiven: [] },
};

function applyEnvironmentDefaults(values: Record<string, unknown>, options: Options): void {
  for (const [name, { variable, unlessGiven }] of Object.entries(environmentDefaults)) {
    const fromEnvironment = process.env[variable];
    if (!(name in options) || values[name] !== undefined || !fromEnvironment) continue;
    if (unlessGiven.some((other) => values[other] !== undefined)) continue;
    values[name] = fromEnvironment;
  }
}

/** A string flag the command cannot run without. */
export function requireFlag(values: Record<string, unknown>, name: string, help: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') {
    const variable = environmentDefaults[name]?.variable;
    throw new UsageError(`--${name} is required${variable ? ` (or set ${variable})` : ''}\n\n${help}`);
  }
  return value;
}

/** The optional string value of a flag (parseArgs types every value as string | boolean). */
export function flag(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** `--registry` (and `--ca FILE`, extra trusted certificates for https) are shared by every command that talks to a registry. */
export const registryOption = { registry: { type: 'string' }, ca: { type: 'string' } } as const;
