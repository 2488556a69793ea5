import { eachEventLine } from './event-lines.js';
import { asEnvelope, failingProperties, localCodec, resolveRef } from './local-codec.js';
import { flag, parseFlags, registryOption, requireFlag } from './args.js';
import { out } from './output.js';
import { openRegistry } from './registry.js';

export const validateHelp = `charter validate --registry URL --subject S [--version V] [--input events.ndjson] < events.ndjson

Validates each line (one JSON event per line) against a version of the subject (default: latest).
The contract is fetched once and every line is validated locally, by the SDK's validator. Prints
each invalid line with the failing properties; exits 1 if any line is invalid.`;

const options = { ...registryOption, subject: { type: 'string' }, version: { type: 'string' }, input: { type: 'string' } } as const;

/** `charter validate`. */
export async function validate(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, options, validateHelp);
  const registry = openRegistry(requireFlag(values, 'registry', validateHelp), flag(values, 'ca'));
  const subject = requireFlag(values, 'subject', validateHelp);
  const ref = await resolveRef(registry, subject, flag(values, 'version') ?? 'latest');
  const codec = localCodec(registry);
  const { total, failed } = await eachEventLine(flag(values, 'input'), 'validated', async (event) => {
    const result = await codec.decode(asEnvelope(ref, event));
    return result.ok ? { ok: true } : { ok: false, message: `invalid under ${subject} ${ref.version}: ${failingProperties(result) ?? result.message}` };
  });
  out(`${total - failed} of ${total} event(s) valid under ${subject} ${ref.version}.`);
  return failed > 0 ? 1 : 0;
}
