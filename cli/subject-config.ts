import type { RegistryHttp } from '../client/registry/http.js';
import { RegistryError } from '../core/errors/index.js';

/** A subject's own config, or undefined when it has none (404: it follows the global config). */
export async function subjectConfig(http: RegistryHttp, subject: string): Promise<Record<string, unknown> | undefined> {
  try {
    return await http.request<Record<string, unknown>>('GET', `/config/${encodeURIComponent(subject)}`);
  } catch (error) {
    if (error instanceof RegistryError && error.status === 404) return undefined;
    throw error;
  }
}

/** The config fields Confluent accepts back on PUT; read-only ones (none today) would go here. */
export function writableConfig(config: Record<string, unknown>): Record<string, unknown> {
  const { compatibilityLevel, ...rest } = config;
  // GET answers `compatibilityLevel`, PUT takes `compatibility` (Confluent's asymmetry).
  return { ...rest, ...(compatibilityLevel !== undefined && rest.compatibility === undefined ? { compatibility: compatibilityLevel } : {}) };
}
