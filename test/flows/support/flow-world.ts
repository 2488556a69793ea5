import { fileURLToPath } from 'node:url';
import { MemoryBus, RegistryClient } from '../../../client/index.js';
import { pushContracts } from '../../../flows/contracts/push-contracts.js';
import { openEventDatabase } from '../../../flows/event-store/index.js';
import { FlowSystem, type FlowSystemOptions } from '../../../flows/runtime/index.js';
import { testBackends, type TestBackend } from '../../support/databases.js';
import { startRegistry, type TestRegistry } from '../../support/registry.js';
import { transportFactories, type TransportFactory } from '../../client/support/transports.js';

export const contractsDir = fileURLToPath(new URL('../../../schemas/', import.meta.url));

/** A registry with every contract of `schemas/` pushed: one per test file. */
export async function registryWithContracts(): Promise<TestRegistry> {
  const registry = await startRegistry();
  await pushContracts(new RegistryClient({ url: registry.url }), contractsDir);
  return registry;
}

/** Every combination the end-to-end suites run on: PGlite × memory bus always, PostgreSQL and NATS when configured. */
export interface FlowBackend {
  name: string;
  database: TestBackend;
  transport: TransportFactory;
}

export function flowBackends(): FlowBackend[] {
  const transports = transportFactories();
  return testBackends.flatMap((database) => transports.map((transport) => ({ name: `${database.name} + ${transport.name}`, database, transport })));
}

/** A running FlowSystem on a fresh database and bus; `dispose` tears all of it down. */
export async function startFlowSystem(
  registryUrl: string,
  backend: FlowBackend,
  options: Partial<Pick<FlowSystemOptions, 'stock' | 'gateway'>> = {},
): Promise<{ system: FlowSystem; dispose(): Promise<void> }> {
  const db = await backend.database.create();
  const world = await backend.transport.create({ ackWaitMs: 5_000 });
  const database = await openEventDatabase(db.store);
  const system = await FlowSystem.start({ registryUrl, transport: await world.connect(), database, ...options });
  return {
    system,
    async dispose() {
      await system.close();
      await world.dispose();
      await db.drop();
    },
  };
}

/** A system on PGlite and a private memory bus, for tests about logic rather than infrastructure. */
export async function startLocalFlowSystem(registryUrl: string, options: Partial<Pick<FlowSystemOptions, 'stock' | 'gateway'>> = {}): Promise<FlowSystem> {
  return FlowSystem.start({ registryUrl, transport: new MemoryBus().connect(), database: await openEventDatabase(), ...options });
}

export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
