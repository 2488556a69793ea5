import { RegistryError } from '../core/errors/index.js';
import { flag, parseFlags, registryOption, requireFlag } from './args.js';
import { err, out } from './output.js';
import { parseLine, readLines } from './read-lines.js';
import { openRegistry } from './registry.js';

export const upcastHelp = `charter upcast --registry URL --subject S --from 1.0.0 --to 2.0.0 [--input events.ndjson] < events.ndjson

Migrates each line (one JSON event of version --from) to version --to through the registry's
migration rules and writes the results to stdout, one per line. A line that cannot be migrated is
reported on stderr with its line number and skipped; the exit code is then 1.`;

const options = {
  ...registryOption,
  subject: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  input: { type: 'string' },
} as const;

/** `charter upcast` (and downcast: --to may be lower than --from). */
export async function upcast(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, options, upcastHelp);
  const { client } = openRegistry(requireFlag(values, 'registry', upcastHelp));
  const subject = requireFlag(values, 'subject', upcastHelp);
  const from = requireFlag(values, 'from', upcastHelp);
  const to = requireFlag(values, 'to', upcastHelp);
  let failed = 0;
  for await (const line of readLines(flag(values, 'input'))) {
    const parsed = parseLine(line);
    if (!parsed.ok) {
      failed++;
      err(parsed.message);
      continue;
    }
    try {
      const result = await client.upcast(subject, parsed.event, from, to);
      out(JSON.stringify(result.event));
    } catch (error) {
      // A 4xx is about this event (or the versions asked for); 5xx and network failures stop the run.
      if (!(error instanceof RegistryError) || error.status >= 500) throw error;
      failed++;
      err(`line ${line.line}: ${error.message}`);
    }
  }
  return failed > 0 ? 1 : 0;
}
