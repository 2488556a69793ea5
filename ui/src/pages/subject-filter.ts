import type { CatalogEntry } from '../api/types';

export interface SubjectFilter {
  prefix: string;
  owner: string;
  level: string;
}

/** The subjects a filter keeps: names starting with the prefix (Confluent's `subjectPrefix`), owner and level. */
export function filterSubjects(all: readonly CatalogEntry[], filter: SubjectFilter): CatalogEntry[] {
  return all.filter(
    (entry) =>
      entry.subject.startsWith(filter.prefix) &&
      (!filter.owner || (filter.owner === '(none)' ? !entry.owner : entry.owner === filter.owner)) &&
      (!filter.level || entry.compatibility === filter.level),
  );
}

/** How many subjects fall under each value of a field, for the filter's options. */
export function countBy(all: readonly CatalogEntry[], field: (entry: CatalogEntry) => string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const entry of all) counts.set(field(entry), (counts.get(field(entry)) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
}
