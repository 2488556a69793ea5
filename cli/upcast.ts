import { eachEventLine } from './event-lines.js';
import { asEnvelope, describeFailure, localCodec, resolveRef } from './local-codec.js';
import { flag, parseFlags, registryOption, requireFlag } from './args.js';
import { openRegistry } from './registry.js';

export const upcastHelp = `charter upcast --registry URL --subject S --from 1.0.0 --to 2.0.0 [--input events.ndjson] < events.ndjson

Migrates each line (one JSON event of version --from) to version --to with the subject's migration
rules and writes the results to stdout, one per line. The rules are fetched once and run locally,
by the SDK's migration code. A line that cannot be migrated is reported on stderr with its line
number and reason and skipped; the exit code is then 1.`;

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
  const registry = openRegistry(requireFlag(values, 'registry', upcastHelp), flag(values, 'ca'));
  const subject = requireFlag(values, 'subject', upcastHelp);
  // Versions may be given as numbers or semvers; the envelope and the accepted range need semvers.
  const from = await resolveRef(registry, subject, requireFlag(values, 'from', upcastHelp));
  const to = await resolveRef(registry, subject, requireFlag(values, 'to', upcastHelp));
  const codec = localCodec(registry);
  const accept = `=${to.version}`;
  const { failed } = await eachEventLine(flag(values, 'input'), 'migrated', async (event) => {
    const result = await codec.decode(asEnvelope(from, event), { accept });
    return result.ok ? { ok: true, output: JSON.stringify(result.event.data) } : { ok: false, message: describeFailure(result) };
  });
  return failed > 0 ? 1 : 0;
}
