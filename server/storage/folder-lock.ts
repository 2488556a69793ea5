import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/** A data folder held by this process; `release` is idempotent. */
export interface FolderLock {
  readonly path: string;
  release(): void;
}

export class FolderInUseError extends Error {
  constructor(
    readonly folder: string,
    readonly holderPid: number,
  ) {
    super(`The data folder ${folder} is in use by another process (pid ${holderPid}); stop it or choose another --data-dir`);
  }
}

const lockFileName = 'charter.lock';

/**
 * Takes the data folder for this process. PGlite keeps no lock of its own, so two servers on one
 * folder would both hand out the same ids and overwrite each other's files. The lock is a file
 * created with O_EXCL holding the owner's pid; a lock whose pid no longer runs on this host (a
 * server killed with -9) is stale and taken over. The take-over re-reads the file just before
 * removing it, so two processes finding one stale lock cannot both remove a fresh one.
 */
export function lockDataFolder(folder: string): FolderLock {
  const path = join(resolve(folder), lockFileName);
  const mine = JSON.stringify({ pid: process.pid, host: hostname() });
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      writeFileSync(path, mine, { flag: 'wx' });
      return { path, release: () => releaseIfMine(path, mine) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const seen = readHolder(path);
    if (seen === undefined) continue; // removed meanwhile: try again
    if (seen.holder && isRunning(seen.holder)) throw new FolderInUseError(resolve(folder), seen.holder.pid);
    // Stale (or unreadable garbage): remove it only if it is still the very file we judged.
    if (readHolder(path)?.text === seen.text) unlinkQuietly(path);
  }
  throw new Error(`Could not take the lock file ${path}: other processes keep replacing it`);
}

function readHolder(path: string): { text: string; holder?: { pid: number; host: string } } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as { pid?: unknown; host?: unknown };
    if (Number.isSafeInteger(parsed.pid) && typeof parsed.host === 'string') return { text, holder: { pid: parsed.pid as number, host: parsed.host } };
  } catch {
    // not ours or half-written by a crash: stale
  }
  return { text };
}

/** A lock from another host (a shared volume) cannot be probed, so it is assumed alive. */
function isRunning(holder: { pid: number; host: string }): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}

function releaseIfMine(path: string, mine: string): void {
  if (readHolder(path)?.text === mine) unlinkQuietly(path);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
