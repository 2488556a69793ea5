import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { emptyAuthFile, generateKey, parseGrant, readAuthFile, writeAuthFile } from '../server/auth/index.js';
import { UsageError } from './usage-error.js';

export const keysHelp = `charter keys <create|list|revoke> --auth-file <file> [options]

Manages the API keys of an auth file (also read from CHARTER_AUTH_FILE). A running server picks
changes up within a second.
  create --name <name> --role <role> [--role …]   Prints the new key once, as key:secret.
                                                   Roles: reader, writer, admin, optionally scoped
                                                   to a subject or prefix: writer:order.*
  list                                             Names, ids, roles and state; never secrets.
  revoke --name <name> | --id <key id>             The key stops working; its record stays.`;

/** `charter keys`: the only place a secret is ever shown, and only at creation. */
export async function keys(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'auth-file': { type: 'string' }, name: { type: 'string' }, id: { type: 'string' }, role: { type: 'string', multiple: true } },
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${keysHelp}`);
  }
  const { positionals: [action, ...extra], values } = parsed;
  const path = values['auth-file'] ?? process.env.CHARTER_AUTH_FILE;
  if (!path) throw new UsageError(`--auth-file (or CHARTER_AUTH_FILE) is required\n\n${keysHelp}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'\n\n${keysHelp}`);
  const run = Object.hasOwn(actions, action ?? '') ? actions[action!] : undefined;
  if (!run) throw new UsageError(`expected create, list or revoke\n\n${keysHelp}`);
  return run(path, values);
}

type Values = { name?: string; id?: string; role?: string[] };

const actions: Record<string, (path: string, values: Values) => Promise<number>> = {
  async create(path, { name, role = [] }) {
    if (!name || !/^[\w.@-]{1,100}$/.test(name)) throw new UsageError('--name is required: 1–100 letters, digits or . _ @ -');
    if (role.length === 0) throw new UsageError('at least one --role is required (reader, writer, admin, e.g. writer:order.*)');
    for (const r of role) parseGrant(r);
    const file = existsSync(path) ? await readAuthFile(path) : emptyAuthFile();
    if (file.keys.some((k) => k.name === name && !k.revoked)) throw new UsageError(`a live key named '${name}' already exists; revoke it first`);
    const { stored, credential } = generateKey(name, role);
    await writeAuthFile(path, { ...file, keys: [...file.keys, stored] });
    process.stdout.write(`${credential}\n`);
    process.stderr.write(`Key '${name}' created (${role.join(', ')}). The secret is not stored: copy it now.\n`);
    return 0;
  },

  async list(path) {
    const file = await readAuthFile(path);
    for (const key of file.keys) {
      process.stdout.write(`${key.name}\t${key.id}\t${key.roles.join(',')}\t${key.revoked ? `revoked ${key.revoked}` : `active since ${key.created}`}\n`);
    }
    return 0;
  },

  async revoke(path, { name, id }) {
    if (!name === !id) throw new UsageError('pass exactly one of --name or --id');
    const file = await readAuthFile(path);
    const target = file.keys.find((k) => !k.revoked && (id ? k.id === id : k.name === name));
    if (!target) throw new UsageError(`no active key ${id ? `with id '${id}'` : `named '${name}'`}`);
    const revoked = new Date().toISOString();
    await writeAuthFile(path, { ...file, keys: file.keys.map((k) => (k === target ? { ...k, revoked } : k)) });
    process.stdout.write(`revoked ${target.name} (${target.id})\n`);
    return 0;
  },
};
