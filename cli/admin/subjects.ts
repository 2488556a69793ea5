import { RegistryError } from '../../core/errors/index.js';
import { flag, parseFlags, registryOption, requireFlag } from '../args.js';
import { out } from '../output.js';
import { openRegistry } from '../registry.js';
import { subjectConfig } from '../subject-config.js';
import { UsageError } from '../usage-error.js';
import { printJson, printTable } from './render.js';
import { groupHelp, subcommands, type Action } from './subcommand.js';

const enc = encodeURIComponent;
const listOptions = { ...registryOption, prefix: { type: 'string' }, deleted: { type: 'boolean' }, json: { type: 'boolean' } } as const;
const showOptions = { ...registryOption, json: { type: 'boolean' } } as const;
const deleteOptions = { ...registryOption, version: { type: 'string' }, permanent: { type: 'boolean' } } as const;

interface SemverRow {
  version: number;
  semver: string;
  id: number;
}

const actions: Record<string, Action> = {
  list: {
    summary: 'subjects, one per line (--prefix P, --deleted to include soft-deleted ones, --json)',
    async run(argv) {
      const { values } = parseFlags(argv, listOptions, subjectsHelp);
      const { http } = openRegistry(requireFlag(values, 'registry', subjectsHelp), flag(values, 'ca'));
      const query = new URLSearchParams();
      if (flag(values, 'prefix')) query.set('subjectPrefix', flag(values, 'prefix')!);
      if (values.deleted) query.set('deleted', 'true');
      const subjects = await http.request<string[]>('GET', `/subjects${query.size ? `?${query}` : ''}`);
      if (values.json) printJson(subjects);
      else for (const subject of subjects) out(subject);
      return 0;
    },
  },
  show: {
    summary: 'one subject: its versions (number, semver, id), config, mode and declared readers (--json)',
    async run(argv) {
      const { values, positionals } = parseFlags(argv, showOptions, subjectsHelp, 1);
      const subject = subjectArgument(positionals);
      const { http } = openRegistry(requireFlag(values, 'registry', subjectsHelp), flag(values, 'ca'));
      const versions = await http.request<SemverRow[]>('GET', `/subjects/${enc(subject)}/semvers`);
      const config = await subjectConfig(http, subject);
      const mode = await ownMode(http, subject);
      const readers = await http.request<Array<{ group: string; range: string; highest?: string | null }>>('GET', `/subjects/${enc(subject)}/readers`);
      if (values.json) {
        printJson({ subject, versions, config: config ?? null, mode: mode ?? null, readers });
        return 0;
      }
      out(`${subject}`);
      printTable(['version', 'semver', 'id'], versions.map((v) => [v.version, v.semver, v.id]));
      out(`config: ${config ? JSON.stringify(config) : 'follows the global config'}`);
      out(`mode: ${mode ?? 'follows the global mode'}`);
      out(readers.length ? `readers: ${readers.map((r) => `${r.group} (${r.range})`).join(', ')}` : 'readers: none declared');
      return 0;
    },
  },
  delete: {
    summary: 'soft-delete a subject (or --version V); --permanent after a soft delete removes it for good',
    async run(argv) {
      const { values, positionals } = parseFlags(argv, deleteOptions, subjectsHelp, 1);
      const subject = subjectArgument(positionals);
      const { http } = openRegistry(requireFlag(values, 'registry', subjectsHelp), flag(values, 'ca'));
      const version = flag(values, 'version');
      const path = version === undefined ? `/subjects/${enc(subject)}` : `/subjects/${enc(subject)}/versions/${enc(version)}`;
      const deleted = await http.request<number[] | number>('DELETE', `${path}${values.permanent ? '?permanent=true' : ''}`);
      const what = Array.isArray(deleted) ? `version(s) ${deleted.join(', ')}` : `version ${deleted}`;
      out(`${values.permanent ? 'Permanently deleted' : 'Deleted'} ${what} of ${subject}`);
      return 0;
    },
  },
};

export const subjectsHelp = groupHelp('charter subjects list|show|delete [SUBJECT] [--registry URL]', actions);
export const subjects = subcommands('subjects', subjectsHelp, actions);

function subjectArgument(positionals: string[]): string {
  const subject = positionals[0];
  if (subject === undefined || subject === '') throw new UsageError(`name the subject\n\n${subjectsHelp}`);
  return subject;
}

/** The subject's own mode, or undefined when it follows the global one (Confluent answers 404 then). */
async function ownMode(http: ReturnType<typeof openRegistry>['http'], subject: string): Promise<string | undefined> {
  try {
    return (await http.request<{ mode: string }>('GET', `/mode/${enc(subject)}`)).mode;
  } catch (error) {
    if (error instanceof RegistryError && error.status === 404) return undefined;
    throw error;
  }
}
