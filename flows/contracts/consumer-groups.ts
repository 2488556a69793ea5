import type { RegistryClient } from '../../client/index.js';
import { acceptFor } from './readers.js';

/** A consumer group and the subjects it reads; each is declared with the range in `flowReaders`. */
export type ConsumerGroups = Readonly<Record<string, readonly string[]>>;

/**
 * Declares consumer groups to the registry at start-up, before they read anything, so the registry
 * (and `charter check --registry`) knows what they read: a change that would break one of them is
 * refused. Declaring again is harmless; the latest declaration stands.
 */
export async function declareConsumerGroups(registry: RegistryClient, groups: ConsumerGroups): Promise<void> {
  for (const [group, subjects] of Object.entries(groups)) {
    await registry.setConsumer(group, Object.fromEntries(subjects.map((subject) => [subject, acceptFor(subject) ?? '*'])));
  }
}
