import { fileURLToPath } from 'node:url';
import { runCharter } from './cli.js';

/** The repository's reference contracts (order, inventory, payment, analytics). */
export const contractsDir = fileURLToPath(new URL('../../schemas/', import.meta.url));

/**
 * Registers the reference contracts with `charter push`, as a team would, so versions carry their
 * semvers, migration rules and examples. `token` is the `CHARTER_TOKEN` to push with (auth on).
 */
export async function seedContracts(url: string, token?: string): Promise<void> {
  const result = await runCharter(['push', contractsDir, '--registry', url], token ? { CHARTER_TOKEN: token } : {});
  if (result.code !== 0) throw new Error(`charter push failed (${result.code}): ${result.stdout}${result.stderr}`);
}
