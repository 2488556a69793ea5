import { listCatalog, type CatalogRow } from '../storage/catalog-rows.js';
import type { RegistryContext } from './context.js';
import { effectiveConfig } from './settings.js';
import { GLOBAL } from '../storage/settings-rows.js';

export type CatalogEntry = CatalogRow & { compatibility: string };

/**
 * `GET /catalog`: every subject with its counts, latest version, owner and effective level.
 * Subjects whose versions are all soft-deleted are listed only with `deleted`.
 */
export async function catalog(ctx: RegistryContext, includeDeleted: boolean): Promise<CatalogEntry[]> {
  const [rows, global] = await Promise.all([listCatalog(ctx.db), effectiveConfig(ctx.db, GLOBAL)]);
  return rows
    .filter((row) => includeDeleted || row.versions > 0)
    .map((row) => ({ ...row, compatibility: row.compatibility ?? global.compatibilityLevel }));
}
