/** A registered version a shared schema's change reaches. */
export interface ImpactedVersion {
  subject: string;
  version: number;
  /** It references the shared version itself; otherwise it does through another shared schema. */
  direct: boolean;
}

/** The two registry reads the walk needs (the RegistryClient has them). */
export interface ReferenceGraph {
  referencedBy(subject: string, version: number | string): Promise<number[]>;
  getSubjectVersionsById(id: number): Promise<Array<{ subject: string; version: number }>>;
}

/**
 * Every registered version that references `subject`'s `version`, directly or through other
 * shared schemas (Money ← Price ← OrderPlaced): what a producer changing a shared type must look
 * at. Walks `referencedby` (schema ids) and resolves each id to its subject-versions. Sorted by
 * subject, then version.
 *
 * @example
 * await impactOf(registry, 'common.Money', '1.0.0'); // [{ subject: 'order.OrderPlaced', version: 3, direct: true }, …]
 */
export async function impactOf(registry: ReferenceGraph, subject: string, version: number | string): Promise<ImpactedVersion[]> {
  const found = new Map<string, ImpactedVersion>();
  let frontier: Array<{ subject: string; version: number | string }> = [{ subject, version }];
  for (let direct = true; frontier.length > 0; direct = false) {
    const next: Array<{ subject: string; version: number }> = [];
    for (const at of frontier) {
      for (const id of await registry.referencedBy(at.subject, at.version)) {
        for (const where of await registry.getSubjectVersionsById(id)) {
          const key = `${where.subject}\u0000${where.version}`;
          if (found.has(key)) continue;
          found.set(key, { subject: where.subject, version: where.version, direct });
          next.push(where);
        }
      }
    }
    frontier = next;
  }
  return [...found.values()].sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.version - b.version));
}
