/**
 * `npm run bench -- <name> [<name> …]`: runs the named benchmarks (all when none is named). Each
 * prints its figures as ratios against a floor or a peer measured in the same run.
 */
const benchmarks: Record<string, () => Promise<{ default: () => Promise<void> }>> = {
  server: () => import('./server.js'),
  compat: () => import('./compat.js'),
  migrate: () => import('./migrate.js'),
  client: () => import('./client.js'),
  codegen: () => import('./codegen.js'),
  cli: () => import('./cli.js'),
  flows: () => import('./flows.js'),
  chaos: () => import('./chaos.js'),
  soak: () => import('./soak.js'),
  ui: () => import('./ui.js'),
};

const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = requested.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(benchmarks).join(', ')}\n`);
  process.exit(2);
}
for (const name of requested.length > 0 ? requested : Object.keys(benchmarks)) {
  process.stdout.write(`\n== ${name} ==\n`);
  const { default: run } = await benchmarks[name]!();
  await run();
}
process.exit(0);
