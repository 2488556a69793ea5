import { fileURLToPath } from 'node:url';
import { IncompatibleSchemaError, RegistryClient } from '../../client/index.js';
import { pushContracts } from '../contracts/push-contracts.js';
import { createEvent } from '../contracts/create-event.js';
import { OrderPlacedV1_0_0Event, OrderPlacedV2Event } from '../generated/index.js';
import { orderStreamId, type PlaceOrder } from '../order/index.js';
import type { FlowSystem } from '../runtime/index.js';
import { processingStreamId } from '../saga/index.js';
import { money, type Narrator } from './narrator.js';
import { describeEvent, EventTrail } from './trail.js';

const contractsDir = fileURLToPath(new URL('../../schemas/', import.meta.url));

export interface StoryContext {
  system: FlowSystem;
  narrator: Narrator;
  runTag: string;
}

/** Waits until `check` holds, polling; the story must never hang, so it gives up after 15 s. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Chapter 1 and 2: the contracts go in; a breaking change does not. */
export async function registerContracts({ system, narrator }: StoryContext): Promise<void> {
  narrator.chapter('Contracts are registered from schemas/');
  const pushed = await pushContracts(new RegistryClient({ url: system.registry.url }), contractsDir);
  const bySubject = new Map<string, string[]>();
  for (const p of pushed) bySubject.set(p.subject, [...(bySubject.get(p.subject) ?? []), `${p.semver} (id ${p.id})`]);
  for (const [subject, versions] of bySubject) narrator.say(`${subject.padEnd(40)} ${versions.join(', ')}`);
  narrator.say(`${pushed.length} versions of ${bySubject.size} subjects; OrderPlaced 2.0.0 carries a verified upcaster and downcaster.`);

  narrator.chapter('A breaking change is refused');
  const breaking = (await system.registry.getVersion('order.OrderPlaced', '2.0.0'));
  const schema = JSON.parse(breaking.schema) as { required: string[]; properties: Record<string, unknown> };
  schema.required.push('warehouseId');
  schema.properties.warehouseId = { type: 'string' };
  narrator.say('The order team adds a required "warehouseId" to OrderPlaced and calls it 2.2.0 …');
  try {
    const accepted = await system.registry.register('order.OrderPlaced', { schema, semver: '2.2.0' });
    throw new Error(`the registry accepted a breaking change as ${accepted.semver}`);
  } catch (error) {
    if (!(error instanceof IncompatibleSchemaError)) throw error;
    narrator.say(`… and the registry answers 409: ${error.message}`);
    narrator.say('Events already written at 2.x have no warehouseId: a 2.2.0 reader could not read them.');
  }
}

/** Chapters 3 and 4: orders flow through the choreographed saga, one of them failing and compensated. */
export async function placeOrders({ system, narrator, runTag }: StoryContext): Promise<string[]> {
  narrator.chapter('Orders are placed; inventory and payment react (choreography)');
  const trail = await EventTrail.follow(system);
  await system.startChoreography();
  const id = (n: number) => `ord-${runTag}-${n}`;
  const orders: PlaceOrder[] = [
    { type: 'PlaceOrder', orderId: id(1), customerId: 'cust-ada', items: [{ productId: 'keyboard', quantity: 2, unitPrice: 49.99 }], taxRate: 0.08, discount: 10, region: 'eu-west' },
    { type: 'PlaceOrder', orderId: id(2), customerId: 'cust-grace', items: [{ productId: 'workstation', quantity: 2, unitPrice: 5_200 }], region: 'us-east' },
    { type: 'PlaceOrder', orderId: id(3), customerId: 'cust-mallory', items: [{ productId: 'keyboard', quantity: 1, unitPrice: 49.99 }], region: 'eu-west' },
    { type: 'PlaceOrder', orderId: id(4), customerId: 'cust-ada', items: [{ productId: 'monitor', quantity: 3, unitPrice: 300 }], region: 'eu-west' },
  ];
  for (const order of orders) {
    await system.orders.handle(order, { source: 'storefront' });
    narrator.say(`${order.orderId}  ${order.customerId.padEnd(13)} ${order.items.map((i) => `${i.quantity} × ${i.productId}`).join(', ')}`);
  }
  const settled = async (orderId: string) => ['confirmed', 'cancelled'].includes((await system.orders.get(orderId)).status);
  for (const order of orders) await until(() => settled(order.orderId), `${order.orderId} to settle`);
  const expectedEvents = { [id(1)]: 4, [id(2)]: 4, [id(3)]: 5, [id(4)]: 3 };
  await until(async () => orders.every((o) => trail.about(o.orderId).length >= expectedEvents[o.orderId]), 'the narrator to hear every event');

  for (const order of [orders[0], orders[1], orders[3]]) {
    narrator.say('');
    narrator.say(`${order.orderId}:`);
    for (const event of trail.about(order.orderId)) narrator.detail(describeEvent(event));
  }

  narrator.chapter('A payment fails and the saga compensates');
  narrator.say(`${id(3)}: the card processor declines cust-mallory. Nobody coordinates; each service reacts:`);
  for (const event of trail.about(id(3))) narrator.detail(`${event.metadata.source?.toString().padEnd(18)} ${describeEvent(event)}`);
  narrator.say(`keyboard stock is back to ${await system.inventory.available('keyboard')}: the reservation was released.`);
  const correlations = new Set(trail.about(id(3)).map((e) => e.metadata.correlationId));
  narrator.say(`All ${trail.about(id(3)).length} events share one correlation id (${[...correlations][0]}).`);
  return orders.map((o) => o.orderId);
}

/** Chapter 5: an order from the 1.0.0 era, read by the 2.0.0 service. */
export async function readOldOrder({ system, narrator, runTag }: StoryContext): Promise<void> {
  narrator.chapter('An order stored at 1.0.0 is read by the 2.0.0 service');
  const orderId = `ord-${runTag}-legacy`;
  const old = await createEvent(system.registry, OrderPlacedV1_0_0Event, { orderId, customerId: 'cust-ada', totalAmount: 120 }, { aggregateId: orderId, version: 1, timestamp: '2021-03-01T09:00:00.000Z', metadata: { source: 'legacy-shop' } });
  await system.store.append(orderStreamId(orderId), [old], { expectedVersion: 0 });
  const [stored] = await system.store.readStream(orderStreamId(orderId));
  narrator.say(`stored (${stored.schema.subject}@${stored.schema.version}):  ${JSON.stringify(stored.data)}`);
  const state = await system.orders.get(orderId);
  if (state.status === 'none') throw new Error('the legacy order did not load');
  narrator.say(`the 2.0.0 service sees:  ${JSON.stringify({ items: state.items, total: state.total, currency: state.currency })}`);
  narrator.say('The SDK upcast it on read with the rule registered on 2.0.0; the stored event is untouched.');
}

/** Chapter 6: the orchestrated variant, where a compensation itself fails and is recorded. */
export async function orchestrate({ system, narrator, runTag }: StoryContext): Promise<void> {
  narrator.chapter('The same saga, orchestrated — and a compensation that fails');
  const orderId = `ord-${runTag}-orch`;
  await system.stopChoreography();
  narrator.say('The choreography is stopped; an OrderProcessingSaga now drives the same services step by step.');
  narrator.say('This time every carrier refuses the shipment, and the warehouse system goes down right after reserving.');
  system.shipping.carriersUnavailable();
  const reserve = system.inventory.reserve.bind(system.inventory);
  system.inventory.reserve = async (...args) => {
    const result = await reserve(...args);
    system.inventory.goOffline();
    return result;
  };
  const outcome = await (await system.orchestrator()).execute({
    orderId,
    command: { type: 'PlaceOrder', orderId, customerId: 'cust-ada', items: [{ productId: 'lamp', quantity: 1, unitPrice: 35 }], region: 'eu-west' },
  });
  system.inventory.reserve = reserve;
  system.inventory.goOnline();
  if (outcome.status !== 'failed') throw new Error('the orchestrated order was expected to fail');
  narrator.say(`${orderId}: ${outcome.failedStep} failed (${outcome.reason}).`);
  narrator.say(`undone, in reverse order: ${outcome.compensated.join(' → ')}`);
  for (const f of outcome.compensationFailures) narrator.say(`could not undo ${f.step}: ${f.reason}`);
  const [recorded] = await system.store.readStream(processingStreamId(orderId));
  narrator.say(`recorded as ${recorded.schema.subject}@${recorded.schema.version} in stream ${recorded.streamId} — for a human, not a log line.`);
}

/** Chapters 7 and 8: the read model and the metrics, both derived from the event store. */
export async function showReadModelAndMetrics({ system, narrator }: StoryContext): Promise<void> {
  narrator.chapter('The read model: cust-ada’s orders, newest first, two per page');
  await system.readModel.catchUp();
  let after: string | undefined;
  let page = 1;
  do {
    const result = await system.readModel.queries.byCustomer('cust-ada', { limit: 2, after });
    for (const o of result.orders) narrator.say(`page ${page}  ${o.orderId.padEnd(18)} ${o.status.padEnd(10)} ${money(o.total, o.currency).padStart(14)}  ${o.statusNote ?? ''}`);
    after = result.next;
    page += 1;
  } while (after !== undefined && page <= 5);
  const before = await system.readModel.queries.all();
  const replayed = await system.readModel.rebuild();
  const same = JSON.stringify(await system.readModel.queries.all()) === JSON.stringify(before);
  narrator.say(`Rebuilt from the event store: ${replayed} events replayed, ${same ? 'identical rows' : 'DIFFERENT rows'}.`);
  if (!same) throw new Error('the rebuilt read model differs');

  narrator.chapter('Metrics: revenue per region in one-minute windows of event time');
  const analytics = await system.analytics({ windowMs: 60_000 });
  await analytics.catchUp();
  await analytics.flush();
  for (const output of analytics.outputs) {
    if (output.subject === 'analytics.OrderMetricsPublished') {
      const regions = output.data.regions.map((r) => `${r.region}: ${r.orders} orders, ${money(r.revenue)}`).join('; ');
      narrator.say(`${output.data.windowStart.slice(0, 16)}Z  ${regions}`);
    } else {
      narrator.say(`HIGH-VALUE CUSTOMER ${output.data.customerId}: ${money(output.data.totalRevenue)} over ${output.data.totalOrders} orders (at ${output.data.detectedAt})`);
    }
  }
  narrator.say(`Top customers: ${(await analytics.metrics()).topCustomers(3).map((c) => `${c.customerId} ${money(c.revenue)}`).join(', ')}`);
  narrator.say('Windows come from event timestamps, so replaying the store gives these same figures.');
}

/** Chapter: the broker goes away mid-order and a handler crashes; nothing is lost or done twice. */
export async function faultAndRecovery({ system, narrator, runTag }: StoryContext): Promise<void> {
  narrator.chapter('A fault and its recovery: the broker refuses publishes, a handler crashes');
  const orderId = `ord-${runTag}-fault`;
  const transport = system.options.transport;
  const publish = transport.publish.bind(transport);
  let refused = 0;
  // The broker is unreachable for the next five publishes.
  transport.publish = async (...args) => {
    if (refused < 5) {
      refused += 1;
      throw new Error('broker unreachable');
    }
    return publish(...args);
  };
  // The payment service's first attempt dies after the card was charged, before its transaction commits.
  const charge = system.payment.charge.bind(system.payment);
  let crashed = false;
  system.payment.charge = async (request, cause, tx) => {
    const result = await charge(request, cause, tx);
    if (!crashed && cause !== undefined) {
      crashed = true;
      throw new Error('payment service crashed before commit');
    }
    return result;
  };
  await system.startChoreography();
  const before = await system.inventory.available('keyboard');
  await system.orders.handle({ type: 'PlaceOrder', orderId, customerId: 'cust-ada', items: [{ productId: 'keyboard', quantity: 1, unitPrice: 49.99 }], region: 'eu-west' }, { source: 'storefront' });
  narrator.say(`${orderId} is stored with its OrderPlaced in the outbox, in one transaction; the broker refuses it …`);
  await until(async () => (await system.orders.get(orderId)).status === 'confirmed', `${orderId} to be confirmed`);
  system.payment.charge = charge;
  transport.publish = publish;
  narrator.say(`… the relay retried ${refused} refused publishes with backoff until the broker took them;`);
  narrator.say('the payment handler crashed after the card processor answered: its transaction rolled back, the');
  narrator.say('event was redelivered, and the processor recognised the idempotency key (charge-<order>): one charge.');
  const payment = await system.payment.paymentFor(orderId);
  narrator.say(`${orderId}: confirmed; payment ${payment?.paymentId} ${payment?.status}; keyboard stock ${before} → ${await system.inventory.available('keyboard')}.`);
}
