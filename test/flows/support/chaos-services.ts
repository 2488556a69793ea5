/**
 * The services half of the process-kill chaos test, run as its own process (`node --import tsx`):
 * relay, choreography, read model and analytics on PostgreSQL + NATS, under the fault injector, and
 * SIGKILLed by it at its `killAfter`-th kill point. Everything it knows lives in the database and on
 * the broker, so the next incarnation carries on from there. Prints `ready` once it is running;
 * SIGTERM closes it cleanly.
 */
import { appendFileSync } from 'node:fs';
// Imported from their own modules, not the folders' index files: a process restarted after every
// kill should not load the embedded registry's server or PGlite it never uses.
import { NatsTransport } from '../../../client/transport/nats-transport.js';
import { FlowSystem } from '../../../flows/runtime/flow-system.js';
import { openPostgresDriver } from '../../../server/storage/postgres-driver.js';
import { FaultInjector, faultyDatabase, faultyTransport, type FaultKind } from './fault-injector.js';
import { sqlPaymentGateway } from './sql-payment-gateway.js';

export interface ChaosServicesConfig {
  databaseUrl: string;
  nats: { servers: string; stream: string; prefix: string };
  registryUrl: string;
  stock: Record<string, number>;
  seed: number;
  probability: number;
  overrides: Partial<Record<FaultKind, number>>;
  /** False for the recovery incarnation: nothing fails, nothing is killed. */
  faults: boolean;
  killAfter?: number;
  /** Each injected fault is appended here as a line (`dead letter` lines too), before any SIGKILL. */
  log: string;
  declineCustomers: string[];
}

const config = JSON.parse(process.env.CHAOS_SERVICES ?? '{}') as ChaosServicesConfig;
// The test process holds our stdin: when it goes (a crashed test run), so do we.
process.stdin.on('end', () => process.exit(1));
process.stdin.resume();
const record = (line: string) => appendFileSync(config.log, `${line}\n`);

const faults = new FaultInjector(config.seed, config.probability, config.overrides);
faults.onFault = record;
// Start-up runs clean (the storefront waits for `ready` before it writes); faults begin after it.
faults.enabled = false;

const raw = await openPostgresDriver({ connectionString: config.databaseUrl, poolSize: 12 });
// The card processor is another system: its own connections, never one the services' pool needs.
const processor = await openPostgresDriver({ connectionString: config.databaseUrl, poolSize: 4 });
const transport = await NatsTransport.connect({ ...config.nats, ackWaitMs: 1_000, resubscribeDelayMs: 50, onError: () => undefined });
const system = await FlowSystem.start({
  registryUrl: config.registryUrl,
  transport: faultyTransport(transport, faults),
  database: faultyDatabase(raw, faults),
  stock: config.stock,
  gateway: await sqlPaymentGateway(processor, { declineCustomers: config.declineCustomers }),
  relay: { pollMs: 100, backoffMs: 10, maxBackoffMs: 200 },
  choreography: { retryDelayMs: 10, maxDeliveries: 60, onError: (_e, c) => void (c.action === 'dead-letter' && record('dead letter')) },
});
await system.startChoreography();
system.readModel.follow();
const analytics = await system.analytics({ windowMs: 60_000 });
analytics.start();

faults.enabled = config.faults;
faults.killAfter = config.killAfter;
process.stdout.write('ready\n');

process.once('SIGTERM', () => {
  faults.enabled = false;
  void (async () => {
    await analytics.stop();
    await system.close();
    await raw.close();
    await processor.close();
    process.exit(0);
  })();
});
