import { RegistryError } from '../core/errors/index.js';
import { config, configHelp, consumers, consumersHelp, mode, modeHelp, subjects, subjectsHelp } from './admin/index.js';
import { check, checkHelp } from './check.js';
import { codegen, codegenHelp } from './codegen.js';
import { exportCommand, exportHelp } from './export.js';
import { importCommand, importHelp } from './import.js';
import { init, initHelp } from './init.js';
import { keys, keysHelp } from './keys.js';
import { packageVersion } from './package-version.js';
import { pull, pullHelp } from './pull.js';
import { push, pushHelp } from './push.js';
import { serve, serveHelp } from './serve.js';
import { upcast, upcastHelp } from './upcast.js';
import { validate, validateHelp } from './validate.js';
import { UsageError } from './usage-error.js';

interface Command {
  summary: string;
  help: string;
  run(argv: string[]): Promise<number>;
}

/** The `charter` commands; each returns its exit code (0 ok, 1 violations found, 2 usage or infrastructure). */
export const commands: Record<string, Command> = {
  serve: { summary: 'Run the registry (PGlite by default, PostgreSQL with --database-url)', help: serveHelp, run: serve },
  init: { summary: 'Write an example contracts folder', help: initHelp, run: init },
  check: { summary: 'The CI gate: check new or changed versions against a registry, git ref or export', help: checkHelp, run: check },
  push: { summary: 'Register what is new in a contracts folder', help: pushHelp, run: push },
  pull: { summary: 'Write a registry back into a contracts folder', help: pullHelp, run: pull },
  codegen: { summary: 'Generate TypeScript from a contracts folder or a registry (--check for drift)', help: codegenHelp, run: codegen },
  validate: { summary: 'Validate NDJSON events against a subject version', help: validateHelp, run: validate },
  upcast: { summary: 'Migrate NDJSON events between two versions of a subject', help: upcastHelp, run: upcast },
  export: { summary: 'Write every subject, version and config as JSON to stdout', help: exportHelp, run: exportCommand },
  import: { summary: 'Restore an export, ids and versions preserved', help: importHelp, run: importCommand },
  subjects: { summary: 'List, show and delete subjects', help: subjectsHelp, run: subjects },
  config: { summary: 'Read and change compatibility settings, global or per subject', help: configHelp, run: config },
  mode: { summary: 'Read and change the registry mode (READWRITE, READONLY, IMPORT), global or per subject', help: modeHelp, run: mode },
  consumers: { summary: 'List, declare and remove consumer groups and the versions they read', help: consumersHelp, run: consumers },
  keys: { summary: 'Create, list and revoke API keys in an auth file', help: keysHelp, run: keys },
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
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    const message = error instanceof UsageError || error instanceof RegistryError ? error.message : `${(error as Error).message ?? error}`;
    process.stderr.write(`charter ${name}: ${message}\n`);
    return 2;
  }
}
