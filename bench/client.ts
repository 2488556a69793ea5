/**
 * Client SDK throughput: encode (envelope + validate + serialise) and decode (parse + validate +
 * 2-hop migration 1.0.0 → 1.1.0 → 2.0.0 + validate) against the floor (JSON + raw ajv + a
 * hand-written transform) and @confluentinc/schemaregistry's JSON serdes (validating) with the same
 * JSONata rules, both talking to a Charter server started in-process. Also: heap per 10,000 cached
 * schemas. `BENCH_MS` sets the time per case (default 2,000 ms).
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { performance } from 'node:perf_hooks';
import { JsonataExecutor, JsonDeserializer, JsonSerializer, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry';
import { EventCodec, jsonEnvelope, RegistryClient } from '../client/index.js';
import { SchemaCache } from '../client/codec/schema-cache.js';
import type { SubjectVersion } from '../client/registry/types.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { orderPlacedV1, orderPlacedV2, registerOrderPlaced } from '../test/client/support/order-placed.js';
import { startRegistry } from '../test/support/registry.js';

// ajv-formats ships CommonJS whose default export is the plugin function.
const addFormats = ((addFormatsModule as { default?: unknown }).default ?? addFormatsModule) as (ajv: unknown) => void;

const TOPIC = 'orders';
const SUBJECT = 'orders-value'; // Confluent's TopicNameStrategy, so its serdes find the subject
const SAMPLES = 1_000;
const BUDGET_MS = Number(process.env.BENCH_MS ?? 2_000);

const address = (i: number) => ({ line1: `${i} Main St`, city: 'Springfield', postalCode: String(10_000 + i), country: 'US' });

function orderV2(i: number) {
  const items = Array.from({ length: 1 + (i % 4) }, (_, k) => ({ sku: `SKU-${(i + k) % 97}`, quantity: 1 + (k % 3), unitPrice: 9.5 + k }));
  const subtotal = items.reduce((sum, it) => sum + it.quantity * it.unitPrice, 0);
  const tax = Math.round(subtotal * 8) / 100;
  return { orderId: `order_${i}`, customerId: `cust_${i % 50}`, currency: 'USD', items, pricing: { subtotal, tax, discount: 0, total: subtotal + tax }, shippingAddress: address(i) };
}

const orderV1 = (i: number) => ({ orderId: `order_${i}`, customerId: `cust_${i % 50}`, totalAmount: 20 + (i % 300), shippingAddress: address(i) });

/** Runs `op` for `budgetMs` after a warm-up and returns operations per second. */
async function measure(op: (i: number) => unknown, budgetMs: number): Promise<number> {
  for (let i = 0; i < 300; i++) {
    const r = op(i);
    if (r instanceof Promise) await r;
  }
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    for (let k = 0; k < 256; k++, n++) {
      const r = op(n);
      if (r instanceof Promise) await r;
    }
    elapsed = performance.now() - start;
  }
  return (n / elapsed) * 1_000;
}

/**
 * Measures every case in interleaved rounds and keeps each case's best round, so a burst of load
 * from other processes skews one round of one case rather than a whole ratio.
 */
async function measureAll(cases: Record<string, (i: number) => unknown>, rounds = 4): Promise<Record<string, number>> {
  const best: Record<string, number> = {};
  for (let round = 0; round < rounds; round++) {
    for (const [name, op] of Object.entries(cases)) best[name] = Math.max(best[name] ?? 0, await measure(op, BUDGET_MS / rounds));
  }
  return best;
}

/** The floor: what a hand-rolled consumer with no registry, envelope or rules would do. */
function floor() {
  // Plain ajv with its defaults (stop at the first error, V8 regexes, ajv's uniqueItems) and formats:
  // what a consumer without Charter would write. Charter's validators report every error on RE2.
  const ajv = new Ajv2020({ strict: false, addUsedSchema: false });
  addFormats(ajv);
  const v1 = ajv.compile(orderPlacedV1);
  const v2 = ajv.compile(orderPlacedV2);
  const upgrade = (d: { orderId: string; customerId: string; totalAmount: number; currency?: string; discountAmount?: number }) => ({
    orderId: d.orderId,
    customerId: d.customerId,
    currency: d.currency,
    items: [],
    pricing: { subtotal: d.totalAmount + (d.discountAmount ?? 0), tax: 0, discount: d.discountAmount ?? 0, total: d.totalAmount },
  });
  const text = new TextEncoder();
  const untext = new TextDecoder();
  return {
    encode(data: unknown): Uint8Array {
      if (!v2(data)) throw new Error('invalid');
      return text.encode(JSON.stringify({ eventType: 'OrderPlaced', schema: { subject: SUBJECT, version: '2.0.0', id: 0 }, data }));
    },
    decode(bytes: Uint8Array): unknown {
      const envelope = JSON.parse(untext.decode(bytes)) as { data: Parameters<typeof upgrade>[0] };
      if (!v1(envelope.data)) throw new Error('invalid');
      const migrated = upgrade(envelope.data);
      if (!v2(migrated)) throw new Error('invalid');
      return migrated;
    },
  };
}

/**
 * Heap held by 10,000 cached schema versions: fetched and indexed, then after each has validated an
 * event (validators compile on first use).
 */
async function heapPer10kSchemas(): Promise<{ cached: number; compiled: number } | undefined> {
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  if (typeof gc !== 'function') return undefined;
  // A registry stand-in that hands out 10,000 distinct schemas: this measures our cache, not HTTP.
  const stub = {
    async getVersion(subject: string, version: number): Promise<SubjectVersion> {
      const schema = { ...orderPlacedV2, title: `Event${version}`, properties: { ...orderPlacedV2.properties, [`f${version}`]: { type: 'string' } } };
      return { subject, id: version, version, semver: `1.${version}.0`, schema: JSON.stringify(schema) };
    },
  } as unknown as RegistryClient;
  const cache = new SchemaCache(stub);
  const event = orderV2(1);
  gc();
  const before = process.memoryUsage().heapUsed;
  const versions = [];
  for (let i = 1; i <= 10_000; i++) versions.push(await cache.get(`bench.Event${i % 100}`, i));
  gc();
  const cached = process.memoryUsage().heapUsed - before;
  for (const v of versions) if (v.validate(event) !== undefined) throw new Error('bench schema rejects its event');
  gc();
  const compiled = process.memoryUsage().heapUsed - before;
  if (cache.size !== 10_000) throw new Error('cache did not hold every schema');
  return { cached, compiled };
}

export default async function run(): Promise<void> {
  const server = await startRegistry();
  try {
    const registry = new RegistryClient({ url: server.url });
    const ids = await registerOrderPlaced(registry, SUBJECT);
    const codec = new EventCodec({ registry, source: 'bench' });

    JsonataExecutor.register();
    const confluent = new SchemaRegistryClient({ baseURLs: [server.url] });
    const serializer = new JsonSerializer(confluent, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false, validate: true });
    const v1Serializer = new JsonSerializer(confluent, SerdeType.VALUE, { useSchemaId: ids['1.0.0'], autoRegisterSchemas: false, validate: true });
    // Its deserializer validates the *migrated* message against the *writer* schema when `validate`
    // is on, so a 1.0.0 → 2.0.0 migration always fails there. We migrate with validation off and then
    // validate against the reader schema with its own cached validator: the same work, one check fewer.
    const deserializer = new JsonDeserializer(confluent, SerdeType.VALUE, { useLatestVersion: true, validate: false });
    const readerCheck = await deserializer.toValidateFunction(await confluent.getLatestSchemaMetadata(SUBJECT));
    const confluentDecode = async (bytes: Buffer) => {
      const msg: unknown = await deserializer.deserialize(TOPIC, bytes);
      if (readerCheck !== undefined && !readerCheck(msg)) throw new Error('invalid after migration');
      return msg;
    };

    const v2Data = Array.from({ length: SAMPLES }, (_, i) => orderV2(i));
    const v1Data = Array.from({ length: SAMPLES }, (_, i) => orderV1(i));
    const base = floor();
    const oursBytes = await Promise.all(v1Data.map(async (d) => codec.serialize(await codec.encode(SUBJECT, d, { version: '1.0.0' }), jsonEnvelope).body));
    const floorBytes = oursBytes; // the floor parses the very same envelope bytes
    const confluentBytes = await Promise.all(v1Data.map((d) => v1Serializer.serialize(TOPIC, d)));

    // Sanity: all three decoders produce the same 2.0.0 pricing for the same 1.0.0 event.
    const ours0 = await codec.decode(oursBytes[0], { accept: '^2.0.0' });
    const theirs0 = (await confluentDecode(confluentBytes[0])) as { pricing?: unknown };
    if (!ours0.ok) throw new Error(`decode failed: ${ours0.message}`);
    const floor0 = base.decode(floorBytes[0]) as { pricing: unknown };
    if (JSON.stringify((ours0.event.data as { pricing: unknown }).pricing) !== JSON.stringify(floor0.pricing) || theirs0.pricing === undefined) {
      throw new Error('decoders disagree on the migrated event');
    }

    const at = (i: number) => i % SAMPLES;
    const rows = await measureAll({
      'encode floor': (i) => base.encode(v2Data[at(i)]),
      'encode charter': async (i) => codec.serialize(await codec.encode(SUBJECT, v2Data[at(i)]), jsonEnvelope),
      'encode confluent': (i) => serializer.serialize(TOPIC, v2Data[at(i)]),
      'decode floor': (i) => base.decode(floorBytes[at(i)]),
      'decode charter': (i) => codec.decode(oursBytes[at(i)], { accept: '^2.0.0' }),
      'decode confluent': (i) => confluentDecode(confluentBytes[at(i)]),
    });
    for (const [name, opsPerSec] of Object.entries(rows)) console.log(`${name.padEnd(18)} ${Math.round(opsPerSec).toLocaleString('en-US').padStart(12)} ops/s`);

    const ratio = (a: number, b: number) => a / b;
    const checks: Array<[string, number, number]> = [
      ['decode charter / floor', ratio(rows['decode charter'], rows['decode floor']), 0.6],
      ['decode charter / confluent', ratio(rows['decode charter'], rows['decode confluent']), 8],
      ['encode charter / confluent', ratio(rows['encode charter'], rows['encode confluent']), 4],
    ];
    for (const [name, value, target] of checks) {
      console.log(`${name.padEnd(28)} ${value.toFixed(2).padStart(7)}×  (target ≥ ${target}×) ${value >= target ? 'ok' : 'MISSED'}`);
    }

    const heap = await heapPer10kSchemas();
    const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
    console.log(
      heap === undefined
        ? 'heap per 10,000 cached schemas: unavailable (no gc)'
        : `heap per 10,000 cached schemas: ${mib(heap.cached)} cached, ${mib(heap.compiled)} once each has validated`,
    );
  } finally {
    await server.close();
  }
}
