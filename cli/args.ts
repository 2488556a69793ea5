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
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(`unexpected argument '${parsed.positionals[maxPositionals]}'\n\n${help}`);
  }
  return parsed as { values: Partial<Record<keyof O, string | boolean>>; positionals: string[] };
}

/** A string flag the command cannot run without. */
export function requireFlag(values: Record<string, unknown>, name: string, help: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required\n\n${help}`);
  return value;
}

/** The optional string value of a flag (parseArgs types every value as string | boolean). */
export function flag(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** `--registry` is shared by every command that talks to a registry. */
export const registryOption = { registry: { type: 'string' } } as const;
