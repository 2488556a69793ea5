import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidEventError, RegistryClient } from '../../client/index.js';
import { createEvent } from '../../flows/contracts/create-event.js';
import { OrderPlacedV2Event, PaymentProcessedV1Event } from '../../flows/generated/index.js';
import type { FlowSystem } from '../../flows/runtime/index.js';
import type { TestRegistry } from '../support/registry.js';
import { registryWithContracts, startLocalFlowSystem } from './support/flow-world.js';

let registry: TestRegistry;
let client: RegistryClient;
beforeAll(async () => {
  registry = await registryWithContracts();
  client = new RegistryClient({ url: registry.url });
});
afterAll(() => registry?.close());

describe('the flows write events with the generated factories and precompiled validators', () => {
  it('wraps valid data in the contract version’s envelope, with the registry’s schema id and a conversation of its own', async () => {
    const data = { orderId: 'o_1', paymentId: 'pay_1', amount: 12.5, currency: 'EUR' };
    const event = await createEvent(client, PaymentProcessedV1Event, data, { aggregateId: 'pay_1', metadata: { source: 'payment-service' } });
    const registered = await client.getVersion('payment.PaymentProcessed', '1.0.0');
    expect(event).toMatchObject({
      eventType: 'PaymentProcessed',
      aggregateId: 'pay_1',
      aggregateType: PaymentProcessedV1Event.aggregateType,
      version: 1,
      schema: { subject: 'payment.PaymentProcessed', version: '1.0.0', id: registered.id },
      data,
      metadata: { correlationId: event.eventId, source: 'payment-service' },
    });
  });

  it('refuses data its precompiled validator rejects, with the SDK’s INVALID_EVENT error and the reasons', async () => {
    const bad = { orderId: 'o_1', paymentId: 'pay_1', amount: 'twelve', currency: 'EUR' } as unknown as Parameters<typeof PaymentProcessedV1Event.create>[0];
    const error = await createEvent(client, PaymentProcessedV1Event, bad, { aggregateId: 'pay_1', metadata: { source: 'payment-service' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidEventError);
    expect(error).toMatchObject({ code: 'INVALID_EVENT' });
    expect((error as InvalidEventError).errors).toContainEqual(expect.objectContaining({ instancePath: '/amount' }));
  });
});

describe('the flows declare their consumer groups at start-up', () => {
  let system: FlowSystem;
  beforeAll(async () => {
    system = await startLocalFlowSystem(registry.url);
  });
  afterAll(() => system?.close());

  it('declares the choreography’s, the read model’s and the analytics’ groups with the ranges they read', async () => {
    await system.startChoreography();
    await system.analytics();
    const groups = Object.fromEntries((await client.getConsumers()).map((g) => [g.group, g.subjects]));
    expect(groups['inventory-service']).toMatchObject({ [OrderPlacedV2Event.subject]: '^2.0.0', 'payment.PaymentFailed': '^1.0.0', 'order.OrderCancelled': '^1.0.0' });
    expect(groups['payment-service']).toEqual({ 'inventory.InventoryReserved': '^1.0.0', 'order.OrderCancelled': '^1.0.0' });
    expect(Object.keys(groups['order-service']).sort()).toEqual(['inventory.InventoryReservationCancelled', 'inventory.InventoryReservationFailed', 'payment.PaymentProcessed']);
    expect(groups['order-summaries']).toEqual({ 'order.OrderPlaced': '^2.0.0', 'order.OrderConfirmed': '^1.0.0', 'order.OrderShipped': '^1.0.0', 'order.OrderCancelled': '^1.0.0' });
    expect(groups['order-analytics']).toEqual({ 'order.OrderPlaced': '^2.0.0', 'order.OrderCancelled': '^1.0.0' });
  });
});
