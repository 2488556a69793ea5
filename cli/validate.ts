import { RegistryError } from '../core/errors/index.js';
import { flag, parseFlags, registryOption, requireFlag } from './args.js';
import { err, out } from './output.js';
import { parseLine, readLines } from './read-lines.js';
import { openRegistry } from './registry.js';

export const validateHelp = `charter validate --registry URL --subject S [--version V] [--input events.ndjson] < events.ndjson

Validates each line (one JSON event per line) against a version of the subject (default: latest),
through the registry. Prints each invalid line with the reasons; exits 1 if any line is invalid.`;

const options = { ...registryOption, subject: { type: 'string' }, version: { type: 'string' }, input: { type: 'string' } } as const;

interface AjvError {
  instancePath?: string;
  message?: string;
}

/** `charter validate`. */
export async function validate(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, options, validateHelp);
  const { client } = openRegistry(requireFlag(values, 'registry', validateHelp));
  const subject = requireFlag(values, 'subject', validateHelp);
  // Resolve the version once, so every line is judged against the same one even if latest moves.
  const version = (await client.getVersion(subject, flag(values, 'version') ?? 'latest')).semver;
  let total = 0;
  let invalid = 0;
  for await (const line of readLines(flag(values, 'input'))) {
    total++;
    const parsed = parseLine(line);
    if (!parsed.ok) {
      invalid++;
      err(parsed.message);
      continue;
    }
    try {
      const result = await client.validate(subject, version, parsed.event);
      if (result.valid) continue;
      invalid++;
      const reasons = (result.errors as AjvError[]).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
      err(`line ${line.line}: invalid under ${subject} ${version}: ${reasons.join('; ')}`);
    } catch (error) {
      if (!(error instanceof RegistryError) || error.status >= 500) throw error;
      invalid++;
      err(`line ${line.line}: ${error.message}`);
    }
  }
  out(`${total - invalid} of ${total} event(s) valid under ${subject} ${version}.`);
  return invalid > 0 ? 1 : 0;
}
