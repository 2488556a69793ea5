import { RegistryError } from '../core/errors/index.js';
import { packageVersion } from './package-version.js';
import { UsageError } from './usage-error.js';

/** A command's help text and entry point, loaded only when that command runs. */
interface CommandModule {
  help: string;
  run(argv: string[]): Promise<number>;
}

interface Command {
  summary: string;
  load(): Promise<CommandModule>;
}

/**
 * The `charter` commands; each returns its exit code (0 ok, 1 violations found, 2 usage or
 * infrastructure). Modules load lazily: `charter validate` need not load the server, PGlite and
 * fastify, which would cost most of its start-up time.
 */
export const commands: Record<string, Command> = {
  serve: {
    summary: 'Run the registry (PGlite by default, PostgreSQL with --database-url)',
    load: () => import('./serve.js').then((m) => ({ help: m.serveHelp, run: m.serve })),
  },
  init: {
    summary: 'Write an example contracts folder',
    load: () => import('./init.js').then((m) => ({ help: m.initHelp, run: m.init })),
  },
  check: {
    summary: 'The CI gate: check new or changed versions against a registry, git ref or export',
    load: () => import('./check.js').then((m) => ({ help: m.checkHelp, run: m.check })),
  },
  push: {
    summary: 'Register what is new in a contracts folder',
    load: () => import('./push.js').then((m) => ({ help: m.pushHelp, run: m.push })),
  },
  pull: {
    summary: 'Write a registry back into a contracts folder',
    load: () => import('./pull.js').then((m) => ({ help: m.pullHelp, run: m.pull })),
  },
  codegen: {
    summary: 'Generate TypeScript from a contracts folder or a registry (--check for drift)',
    load: () => import('./codegen.js').then((m) => ({ help: m.codegenHelp, run: m.codegen })),
  },
  validate: {
    summary: 'Validate NDJSON events against a subject version',
    load: () => import('./validate.js').then((m) => ({ help: m.validateHelp, run: m.validate })),
  },
  upcast: {
    summary: 'Migrate NDJSON events between two versions of a subject',
    load: () => import('./upcast.js').then((m) => ({ help: m.upcastHelp, run: m.upcast })),
  },
  export: {
    summary: 'Write every subject, version and config as JSON to stdout',
    load: () => import('./export.js').then((m) => ({ help: m.exportHelp, run: m.exportCommand })),
  },
  import: {
    summary: 'Restore an export, ids and versions preserved',
    load: () => import('./import.js').then((m) => ({ help: m.importHelp, run: m.importCommand })),
  },
  subjects: {
    summary: 'List, show and delete subjects',
    load: () => import('./admin/index.js').then((m) => ({ help: m.subjectsHelp, run: m.subjects })),
  },
  config: {
    summary: 'Read and change compatibility settings, global or per subject',
    load: () => import('./admin/index.js').then((m) => ({ help: m.configHelp, run: m.config })),
  },
  mode: {
    summary: 'Read and change the registry mode (READWRITE, READONLY, IMPORT), global or per subject',
    load: () => import('./admin/index.js').then((m) => ({ help: m.modeHelp, run: m.mode })),
  },
  consumers: {
    summary: 'List, declare and remove consumer groups and the versions they read',
    load: () => import('./admin/index.js').then((m) => ({ help: m.consumersHelp, run: m.consumers })),
  },
  keys: {
    summary: 'Create, list and revoke API keys in an auth file',
    load: () => import('./keys.js').then((m) => ({ help: m.keysHelp, run: m.keys })),
  },
};

const usage = () => `Usage: charter <command> [options]

Commands:
${Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`).join('\n')}

Run 'charter <command> --help' for a command's options. Commands that talk to a registry read
--registry URL, or CHARTER_REGISTRY when the flag is not given, and send CHARTER_TOKEN when set.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    process.stdout.write(`charter ${await packageVersion()}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`charter: unknown command '${name}'\n\n${usage()}\n`);
    return 2;
  }
  const loaded = await command.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${loaded.help}\n`);
    return 0;
  }
  try {
    return await loaded.run(rest);
  } catch (error) {
    const message = error instanceof UsageError || error instanceof RegistryError ? error.message : `${(error as Error).message ?? error}`;
    process.stderr.write(`charter ${name}: ${message}\n`);
    return 2;
  }
}
