import { flag, parseFlags, registryOption, requireFlag } from '../args.js';
import { out } from '../output.js';
import { openRegistry } from '../registry.js';
import { UsageError } from '../usage-error.js';
import { printJson, printTable } from './render.js';
import { groupHelp, subcommands, type Action } from './subcommand.js';

const enc = encodeURIComponent;
const listOptions = { ...registryOption, json: { type: 'boolean' } } as const;

interface Group {
  group: string;
  subjects: Record<string, string>;
}

const actions: Record<string, Action> = {
  list: {
    summary: 'every consumer group you may see, with the subjects and semver ranges it reads (--json)',
    async run(argv) {
      const { values } = parseFlags(argv, listOptions, consumersHelp);
      const { http } = openRegistry(requireFlag(values, 'registry', consumersHelp), flag(values, 'ca'));
      const groups = await http.request<Group[]>('GET', '/consumers');
      if (values.json) printJson(groups);
      else printTable(['group', 'subject', 'range'], groups.flatMap((g) => Object.entries(g.subjects).map(([subject, range]) => [g.group, subject, range])));
      return 0;
    },
  },
  declare: {
    summary: "declare (replace) what a group reads: charter consumers declare billing 'order.OrderPlaced=^2.0.0' …",
    async run(argv) {
      const { values, positionals } = parseFlags(argv, registryOption, consumersHelp, 256);
      const [group, ...pairs] = positionals;
      if (group === undefined || pairs.length === 0) throw new UsageError(`name the group and at least one SUBJECT=RANGE\n\n${consumersHelp}`);
      const subjects = Object.fromEntries(pairs.map((pair) => splitPair(pair)));
      const { http } = openRegistry(requireFlag(values, 'registry', consumersHelp), flag(values, 'ca'));
      const saved = await http.request<Group>('PUT', `/consumers/${enc(group)}`, subjects);
      out(`Consumer group ${saved.group} reads ${Object.entries(saved.subjects).map(([s, r]) => `${s} ${r}`).join(', ')}`);
      return 0;
    },
  },
  remove: {
    summary: 'remove a consumer group declaration',
    async run(argv) {
      const { values, positionals } = parseFlags(argv, registryOption, consumersHelp, 1);
      if (positionals[0] === undefined) throw new UsageError(`name the group\n\n${consumersHelp}`);
      const { http } = openRegistry(requireFlag(values, 'registry', consumersHelp), flag(values, 'ca'));
      await http.request('DELETE', `/consumers/${enc(positionals[0])}`);
      out(`Removed consumer group ${positionals[0]}`);
      return 0;
    },
  },
};

function splitPair(pair: string): [string, string] {
  const eq = pair.lastIndexOf('=');
  if (eq <= 0 || eq === pair.length - 1) throw new UsageError(`'${pair}' is not SUBJECT=RANGE (e.g. order.OrderPlaced=^2.0.0)\n\n${consumersHelp}`);
  return [pair.slice(0, eq), pair.slice(eq + 1)];
}

export const consumersHelp = groupHelp('charter consumers list|declare|remove [GROUP] [SUBJECT=RANGE …] [--registry URL]', actions,
  'Declared ranges let producers negotiate the version every reader accepts, and let `charter check --registry`\n' +
    'report readers a new major would leave without a migration path.');
export const consumers = subcommands('consumers', consumersHelp, actions);
