/**
 * The Confluent side of the migration benchmark: a MockClient holding the OrderPlaced versions
 * with their JSONATA migration rules, 1.0.0 events serialised by JsonSerializer, and a
 * JsonDeserializer that reads them as the latest version (2.0.0), running the migration rules.
 */
import { JsonataExecutor } from '@confluentinc/schemaregistry/dist/rules/jsonata/jsonata-executor.js';
import { MockClient } from '@confluentinc/schemaregistry/dist/mock-schemaregistry-client.js';
import { JsonDeserializer, JsonSerializer } from '@confluentinc/schemaregistry/dist/serde/json.js';
import { SerdeType } from '@confluentinc/schemaregistry/dist/serde/serde.js';
import type { VersionedSchema } from '../core/migrate/index.js';

const subject = 'orders-value';
const topic = 'orders';

export async function confluentDecoder(versions: readonly VersionedSchema[], events: readonly unknown[]) {
  JsonataExecutor.register();
  const client = new MockClient({ baseURLs: ['mock://'] });
  let firstId = 0;
  for (const v of versions) {
    const id = await client.register(
      subject,
      { schemaType: 'JSON', schema: JSON.stringify(v.schema), ruleSet: v.ruleSet as never },
      false,
    );
    if (v.version === versions[0].version) firstId = id;
  }
  const serializer = new JsonSerializer(client, SerdeType.VALUE, { autoRegisterSchemas: false, useSchemaId: firstId });
  const bytes = await Promise.all(events.map((e) => serializer.serialize(topic, e)));
  const deserializer = new JsonDeserializer(client, SerdeType.VALUE, { useLatestVersion: true });
  return {
    async decodeAll(): Promise<unknown[]> {
      const out: unknown[] = [];
      for (const b of bytes) out.push(await deserializer.deserialize(topic, b));
      return out;
    },
  };
}
