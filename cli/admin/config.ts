import { flag, parseFlags, registryOption, requireFlag } from '../args.js';
import { openRegistry } from '../registry.js';
import { UsageError } from '../usage-error.js';
import { printJson } from './render.js';
import { settingsPath, subjectAndSettings } from './settings-args.js';
import { groupHelp, subcommands, type Action } from './subcommand.js';

const options = { ...registryOption, 'default-to-global': { type: 'boolean' } } as const;

const actions: Record<string, Action> = {
  get: {
    summary: "the global config, or a subject's own (--default-to-global: what is in effect for it)",
    async run(argv) {
      const { values, positionals } = parseFlags(argv, options, configHelp, 1);
      const { http } = openRegistry(requireFlag(values, 'registry', configHelp), flag(values, 'ca'));
      const subject = positionals[0];
      const query = subject !== undefined && values['default-to-global'] ? '?defaultToGlobal=true' : '';
      printJson(await http.request('GET', `${settingsPath('/config', subject)}${query}`));
      return 0;
    },
  },
  set: {
    summary: 'change settings: charter config set [SUBJECT] compatibility=FULL requireMigration=false …',
    async run(argv) {
      const { values, positionals } = parseFlags(argv, registryOption, configHelp, 64);
      const { subject, settings } = subjectAndSettings(positionals, configHelp);
      if (Object.keys(settings).length === 0) throw new UsageError(`name at least one setting as key=value\n\n${configHelp}`);
      const { http } = openRegistry(requireFlag(values, 'registry', configHelp), flag(values, 'ca'));
      printJson(await http.request('PUT', settingsPath('/config', subject), settings));
      return 0;
    },
  },
};

export const configHelp = groupHelp('charter config get|set [SUBJECT] [key=value …] [--registry URL]', actions,
  'Settings: compatibility (NONE, BACKWARD, FORWARD, FULL and their _TRANSITIVE forms), compatibilityPolicy\n' +
    '(STRICT, LENIENT), compatibilityGroup, normalize, requireMigration. Without SUBJECT the global config.');
export const config = subcommands('config', configHelp, actions);
