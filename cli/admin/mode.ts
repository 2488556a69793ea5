import { flag, parseFlags, registryOption, requireFlag } from '../args.js';
import { openRegistry } from '../registry.js';
import { UsageError } from '../usage-error.js';
import { printJson } from './render.js';
import { settingsPath } from './settings-args.js';
import { groupHelp, subcommands, type Action } from './subcommand.js';

const setOptions = { ...registryOption, force: { type: 'boolean' } } as const;
const MODES = ['READWRITE', 'READONLY', 'READONLY_OVERRIDE', 'IMPORT'];

const actions: Record<string, Action> = {
  get: {
    summary: "the global mode, or a subject's own",
    async run(argv) {
      const { values, positionals } = parseFlags(argv, registryOption, modeHelp, 1);
      const { http } = openRegistry(requireFlag(values, 'registry', modeHelp), flag(values, 'ca'));
      printJson(await http.request('GET', settingsPath('/mode', positionals[0])));
      return 0;
    },
  },
  set: {
    summary: `charter mode set [SUBJECT] ${MODES.join('|')} [--force]`,
    async run(argv) {
      const { values, positionals } = parseFlags(argv, setOptions, modeHelp, 2);
      const mode = positionals.at(-1);
      if (mode === undefined || !MODES.includes(mode)) throw new UsageError(`name the mode last (${MODES.join(', ')})\n\n${modeHelp}`);
      const subject = positionals.length === 2 ? positionals[0] : undefined;
      const { http } = openRegistry(requireFlag(values, 'registry', modeHelp), flag(values, 'ca'));
      printJson(await http.request('PUT', `${settingsPath('/mode', subject)}${values.force ? '?force=true' : ''}`, { mode }));
      return 0;
    },
  },
};

export const modeHelp = groupHelp('charter mode get|set [SUBJECT] [MODE] [--registry URL]', actions,
  'IMPORT is for restoring backups (charter import sets it for you); --force sets it on a registry that has subjects.');
export const mode = subcommands('mode', modeHelp, actions);
