/** `node --import tsx corpus-run.ts <corpus>`: the verdicts of one corpus in a fresh process, as JSON. */
import { loadCorpora, verdictOf } from './corpora.js';

const name = process.argv[2]!;
const corpus = loadCorpora()[name];
if (!corpus) {
  console.error(`no corpus ${name}`);
  process.exit(2);
}
process.stdout.write(JSON.stringify(Object.fromEntries(corpus.map((c) => [c.id, verdictOf(c)]))));
