/**
 * Decode with one CEL domain rule (a READ condition): Charter's codec against
 * @confluentinc/schemaregistry's JsonDeserializer with its CelExecutor, both validating, both reading
 * the same Confluent-framed bytes from a Charter server. Part of `npm run bench -- client`.
 */
import { CelExecutor, JsonDeserializer, JsonSerializer, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry';
import { confluentWire, EventCodec, RegistryClient } from '../client/index.js';
import { orderPlacedV1 } from '../test/client/support/order-placed.js';

const TOPIC = 'cel-orders';
const SUBJECT = `${TOPIC}-value`;
const SAMPLES = 1_000;
const rule = { name: 'non-negative', kind: 'CONDITION' as const, type: 'CEL', mode: 'READ' as const, expr: 'message.totalAmount >= 0.0 && size(message.orderId) > 0' };

export async function celDecodeCases(url: string): Promise<Record<string, (i: number) => unknown>> {
  const registry = new RegistryClient({ url });
  await registry.register(SUBJECT, { schema: orderPlacedV1, ruleSet: { domainRules: [rule] } });
  CelExecutor.register();
  const confluent = new SchemaRegistryClient({ baseURLs: [url] });
  const serializer = new JsonSerializer(confluent, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false, validate: true });
  const deserializer = new JsonDeserializer(confluent, SerdeType.VALUE, { validate: true });
  const codec = new EventCodec({ registry, source: 'bench' });
  const data = Array.from({ length: SAMPLES }, (_, i) => ({ orderId: `order_${i}`, customerId: `cust_${i % 50}`, totalAmount: 20 + (i % 300) }));
  const bytes = await Promise.all(data.map((d) => serializer.serialize(TOPIC, d)));
  const ours = await Promise.all(data.map(async (d) => codec.serialize(await codec.encode(SUBJECT, d), confluentWire).body));
  // Sanity: both read the rule and both accept the same events.
  const [a, b] = [await codec.decode(bytes[0]), await deserializer.deserialize(TOPIC, bytes[0])];
  if (!a.ok || JSON.stringify(a.event.data) !== JSON.stringify(b)) throw new Error('decoders disagree on the CEL-guarded event');
  if (Buffer.compare(Buffer.from(ours[0]), bytes[0]) !== 0) throw new Error('Charter and Confluent frame the event differently');
  return {
    'decode+CEL charter': (i) => codec.decode(bytes[i % SAMPLES]),
    'decode+CEL confluent': (i) => deserializer.deserialize(TOPIC, bytes[i % SAMPLES]),
  };
}
