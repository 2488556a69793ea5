import { initExample } from '../codegen/index.js';
import { parseFlags } from './args.js';
import { out } from './output.js';

export const initHelp = `charter init [dir]

Writes a small example contracts folder into dir (default: schemas): one subject with two versions,
its subject.json and example events. Refuses to overwrite an existing example.`;

/** `charter init [dir]`. */
export async function init(argv: string[]): Promise<number> {
  const { positionals } = parseFlags(argv, {}, initHelp, 1);
  const dir = positionals[0] ?? 'schemas';
  await initExample(dir);
  out(`Wrote an example contracts folder to ${dir}/ (example.UserSignedUp 1.0.0 and 1.1.0).
Next: charter check ${dir} && charter push ${dir} --registry http://localhost:8081`);
  return 0;
}
