/**
 * The services half of the process-kill chaos test, run as its own process (`node --import tsx`):
 * relay, choreography, read model and analytics on PostgreSQL + NATS, under the fault injector, and
 * SIGKILLed by it at its `killAfter`-th kill point. Everything it knows lives in the database and on
 * the broker, so the next incarnation carries on from there. Prints `ready` once it is running;
 * SIGTERM closes it cleanly.
 */
import { appendFileSync } from 'node:fs';
import { NatsTransport } from '../../../client/index.js';
import { openEventDatabase } from '../../../flows/event-store/index.js';
import { FlowSystem } from '../../../flows/runtime/index.js';
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

const raw = await openEventDatabase({ kind: 'postgres', databaseUrl: config.databaseUrl, poolSize: 12 });
const transport = await NatsTransport.connect({ ...config.nats, ackWaitMs: 1_000, resubscribeDelayMs: 50, onError: () => undefined });
const system = await FlowSystem.start({
  registryUrl: config.registryUrl,
  transport: faultyTransport(transport, faults),
  database: faultyDatabase(raw, faults),
  stock: config.stock,
  gateway: await sqlPaymentGateway(raw, { declineCustomers: config.declineCustomers }),
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
    process.exit(0);
  })();
});
