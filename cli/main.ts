import { RegistryError } from '../core/errors/index.js';
import { serve, serveHelp } from './serve.js';
import { UsageError } from './usage-error.js';

interface Command {
  summary: string;
  help: string;
  run(argv: string[]): Promise<number>;
}

/** The `charter` commands; each returns its exit code (0 ok, 1 violations found, 2 usage or infrastructure). */
export const commands: Record<string, Command> = {
  serve: { summary: 'Run the registry (PGlite by default, PostgreSQL with --database-url)', help: serveHelp, run: serve },
};

const usage = () => `Usage: charter <command> [options]

Commands:
${Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`).join('\n')}

Run 'charter <command> --help' for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
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
