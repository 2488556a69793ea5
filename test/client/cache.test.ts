import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confluentWire, EventCodec, RegistryClient } from '../../client/index.js';
import { startRegistry } from '../support/registry.js';
import { countingFetch } from './support/counting-fetch.js';
import { registerOrderPlaced, v1Event, v2Event } from './support/order-placed.js';

let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  server = await startRegistry();
  await registerOrderPlaced(new RegistryClient({ url: server.url }));
});
afterAll(() => server.close());

describe('codec caching', () => {
  it('makes no HTTP call on a second decode of the same writer and range', async () => {
    const producer = new EventCodec({ registry: new RegistryClient({ url: server.url }) });
    const older = await producer.encode('order.OrderPlaced', v1Event, { version: '1.0.0' });
    const newer = await producer.encode('order.OrderPlaced', v2Event);

    const counter = countingFetch();
    const consumer = new EventCodec({ registry: new RegistryClient({ url: server.url, fetch: counter.fetch }) });
    expect((await consumer.decode(older, { accept: '^2.0.0' })).ok).toBe(true);
    const afterFirst = counter.requests.length;
    expect(afterFirst).toBeGreaterThan(0);

    for (let i = 0; i < 20; i++) {
      expect((await consumer.decode({ ...older, eventId: `evt_${i}` }, { accept: '^2.0.0' })).ok).toBe(true);
    }
    expect(counter.requests.length).toBe(afterFirst);
    expect(consumer.stats().chains).toBe(1);
    // The reader version and its validator are already cached, so bytes by id cost at most the id lookup.
    expect((await consumer.decode(consumer.serialize(newer, confluentWire).body, { accept: '^2.0.0' })).ok).toBe(true);
    expect((await consumer.decode(consumer.serialize(newer, confluentWire).body, { accept: '^2.0.0' })).ok).toBe(true);
    expect(counter.requests.length).toBeLessThanOrEqual(afterFirst + 1);
  });

  it('shares the fetches of concurrent first decodes', async () => {
    const producer = new EventCodec({ registry: new RegistryClient({ url: server.url }) });
    const older = await producer.encode('order.OrderPlaced', v1Event, { version: '1.0.0' });
    const counter = countingFetch();
    const consumer = new EventCodec({ registry: new RegistryClient({ url: server.url, fetch: counter.fetch }) });
    await consumer.decode(older, { accept: '^2.0.0' });
    const sequential = counter.requests.length;

    const counter2 = countingFetch();
    const concurrent = new EventCodec({ registry: new RegistryClient({ url: server.url, fetch: counter2.fetch }) });
    const results = await Promise.all(Array.from({ length: 10 }, () => concurrent.decode(older, { accept: '^2.0.0' })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(counter2.requests.length).toBe(sequential);
  });
});
