import { UsageError } from '../usage-error.js';

/** One action of a command group such as `charter subjects list`. */
export interface Action {
  summary: string;
  run(argv: string[]): Promise<number>;
}

/**
 * Dispatches `charter <group> <action> …` through a table of named actions, so the group's help
 * and its parsing come from one place (as `cli/main.ts` does for commands).
 */
export function subcommands(group: string, help: string, actions: Record<string, Action>) {
  return async (argv: string[]): Promise<number> => {
    const [name, ...rest] = argv;
    const action = name === undefined ? undefined : actions[name];
    if (!action) {
      const known = Object.keys(actions).join(', ');
      throw new UsageError(`${name === undefined ? `say what to do (${known})` : `unknown action '${group} ${name}' (known: ${known})`}\n\n${help}`);
    }
    return action.run(rest);
  };
}

/** The help text of a group, listing its actions' one-line summaries under a usage block. */
export function groupHelp(usage: string, actions: Record<string, { summary: string }>, details = ''): string {
  const lines = Object.entries(actions).map(([name, a]) => `  ${name.padEnd(8)} ${a.summary}`);
  return `${usage}\n\n${lines.join('\n')}${details ? `\n\n${details}` : ''}`;
}
