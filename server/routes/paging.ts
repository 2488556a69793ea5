import { flag, integer } from '../http/query.js';

/** Which versions or subjects a list shows: Confluent's `deleted` and `deletedOnly` flags. */
export type DeletedFilter = 'live' | 'all' | 'deletedOnly';

export function deletedFilter(query: unknown): DeletedFilter {
  if (flag(query, 'deletedOnly')) return 'deletedOnly';
  return flag(query, 'deleted') ? 'all' : 'live';
}

/** Confluent's `offset` (default 0) and `limit` (default -1: no limit; zero or negative ignored). */
export function pagingOf(query: unknown): { offset: number; limit: number | undefined } {
  const raw = query as Record<string, unknown> | undefined;
  const offset = raw?.offset === undefined ? 0 : integer(raw.offset, "Query parameter 'offset'", { min: 0 });
  const limit = raw?.limit === undefined ? -1 : integer(raw.limit, "Query parameter 'limit'", { min: -2_147_483_648 });
  return { offset, limit: limit > 0 ? limit : undefined };
}

/** One page of a list that is already complete in memory. */
export function page<T>(items: readonly T[], query: unknown): T[] {
  const { offset, limit } = pagingOf(query);
  return items.slice(offset, limit === undefined ? undefined : offset + limit);
}
