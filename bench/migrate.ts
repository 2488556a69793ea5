/**
 * Migration executor benchmark: the same 10,000 OrderPlaced 1.0.0 events upgraded to 2.0.0
 * (1.0.0 → 1.1.0 adds `currency`, 1.1.0 → 2.0.0 builds items[] and pricing{}) by
 *   1. Charter's executor (rules compiled to JavaScript),
 *   2. the JSONata evaluator alone, with the same rules,
 *   2b. Charter's interpreted executor (the guarded evaluator a rule the compiler does not take runs on),
 *   3. a hand-written JavaScript function (the floor),
 *   4. @confluentinc/schemaregistry's JsonDeserializer with the same JSONATA migration rules.
 * Run: npm run bench -- migrate
 */
import jsonata from 'jsonata';
import { planChain, type MigrationRule, type VersionedSchema } from '../core/migrate/index.js';
import { interpretTransform } from '../core/migrate/compile-transform.js';
import { handUpgrade, orderPlacedV1, orderPlacedV11, orderPlacedV2, upgradeTo11, upgradeTo2 } from '../test/core/migrate/order-placed.js';
import { confluentDecoder } from './migrate-confluent.js';

const EVENTS = 10_000;
const ROUNDS = 5;

type V1 = { orderId: string; customerId: string; totalAmount: number };
const events: V1[] = Array.from({ length: EVENTS }, (_, i) => ({
  orderId: `ord-${i}`,
  customerId: `cus-${i % 97}`,
  totalAmount: Math.round((10 + ((i * 7919) % 50_000) / 100) * 100) / 100,
}));

const rule = (name: string, expr: string): MigrationRule => ({ name, kind: 'TRANSFORM', type: 'JSONATA', mode: 'UPGRADE', expr });
const versions: VersionedSchema[] = [
  { version: 1, semver: '1.0.0', schema: orderPlacedV1 },
  { version: 2, semver: '1.1.0', schema: orderPlacedV11, ruleSet: { migrationRules: [rule('addCurrency', upgradeTo11)] } },
  { version: 3, semver: '2.0.0', schema: orderPlacedV2, ruleSet: { migrationRules: [rule('toV2', upgradeTo2)] } },
];

/** Best of ROUNDS runs over all events, in events per second. */
async function measure(label: string, runAll: () => unknown): Promise<number> {
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    await runAll();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  const rate = EVENTS / (best / 1000);
  console.log(`${label.padEnd(44)} ${Math.round(rate).toLocaleString('en-US').padStart(12)} events/s  (${best.toFixed(1)} ms / ${EVENTS})`);
  return rate;
}

export default async function run(): Promise<void> {
  const chain = planChain(versions, 1, 3, () => false, { subject: 'bench.OrderPlaced' });
  if (!chain.compiled) throw new Error('the benchmark rules should compile');
  const j11 = jsonata(upgradeTo11);
  const j2 = jsonata(upgradeTo2);
  let sink: unknown;

  console.log(`\nmigrate: OrderPlaced 1.0.0 -> 2.0.0, ${EVENTS} events, best of ${ROUNDS}`);
  const ours = await measure('charter executor (compiled)', () => {
    for (const e of events) sink = chain.run(e);
  });
  const floor = await measure('hand-written JavaScript (floor)', () => {
    for (const e of events) sink = handUpgrade({ ...e, currency: 'USD' });
  });
  const evaluator = await measure('jsonata evaluator', async () => {
    for (const e of events) sink = await j2.evaluate(await j11.evaluate(e));
  });
  // A generous bound: a cold first evaluation on a loaded machine must not end the benchmark.
  const i11 = interpretTransform(upgradeTo11, { timeoutMs: 5000 });
  const i2 = interpretTransform(upgradeTo2, { timeoutMs: 5000 });
  if (JSON.stringify(await i2(await i11(events[0]))) !== JSON.stringify(chain.run(events[0]))) throw new Error('the interpreted executor disagrees');
  const interpreted = await measure('charter executor (interpreted fallback)', async () => {
    for (const e of events) sink = await i2(await i11(e));
  });
  const payloads = events.map((e) => Buffer.from(JSON.stringify(e)));
  const oursWithParse = await measure('charter executor + JSON.parse of the payload', () => {
    for (const p of payloads) sink = chain.run(JSON.parse(p.toString('utf8')));
  });

  let confluent: number | undefined;
  try {
    const decoder = await confluentDecoder(versions, events);
    const check = (await decoder.decodeAll())[0];
    if (JSON.stringify(check) !== JSON.stringify(chain.run(events[0]))) throw new Error(`Confluent decoded ${JSON.stringify(check)}`);
    confluent = await measure('@confluentinc/schemaregistry JsonDeserializer', () => decoder.decodeAll());
  } catch (error) {
    console.log(`@confluentinc/schemaregistry: not measured — ${(error as Error).message}`);
  }
  void sink;

  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  console.log(`ours / floor     ${ratio(ours, floor)}  (goal >= 0.5x)`);
  console.log(`ours / jsonata   ${ratio(ours, evaluator)}  (goal >= 10x)`);
  console.log(`compiled / interpreted ${ratio(ours, interpreted)}  (per event, same rules, same bounds: what a rule the compiler does not take costs)`);
  if (confluent) console.log(`ours / Confluent ${ratio(oursWithParse, confluent)}  (goal >= 10x; ours including JSON.parse, as Confluent decodes bytes)`);
}
