/**
 * The reference flows as a story on stdout: contracts registered, a breaking change refused, orders
 * through the choreographed saga (one payment failing and compensated), a broker outage and a crashed
 * handler recovered without loss or double charge, a 1.0.0 order read by the
 * 2.0.0 service, the orchestrated saga, the read model and the metrics.
 *
 *   tsx flows/demo/main.ts                                   # no set-up: all in-process
 *   tsx flows/demo/main.ts --transport nats --database-url postgres://…
 */
import { fileURLToPath } from 'node:url';
import { FlowSystem } from '../runtime/index.js';
import { fakePaymentGateway } from '../saga/index.js';
import { startDemoInfrastructure } from './demo-infrastructure.js';
import { parseDemoOptions, type DemoOptions } from './demo-options.js';
import { Narrator } from './narrator.js';
import { faultAndRecovery, orchestrate, placeOrders, readOldOrder, registerContracts, showReadModelAndMetrics } from './story.js';

/** Runs the whole story; resolves when everything it started is closed again. */
export async function runDemo(options: DemoOptions, narrator = new Narrator()): Promise<void> {
  narrator.say('Charter reference flows: order, inventory and payment services on versioned contracts.');
  const infrastructure = await startDemoInfrastructure(options);
  for (const line of infrastructure.description) narrator.say(line);
  const { registryUrl, transport, database, runTag } = infrastructure;
  const stock = { keyboard: 10, workstation: 5, monitor: 2, lamp: 4 };
  // cust-mallory's card is declined: that is the failure the saga has to compensate.
  const gateway = fakePaymentGateway({ declineCustomers: ['cust-mallory'] });
  const system = await FlowSystem.start({ registryUrl, transport, database, stock, gateway });
  try {
    const context = { system, narrator, runTag };
    await registerContracts(context);
    await placeOrders(context);
    await faultAndRecovery(context);
    await readOldOrder(context);
    await showReadModelAndMetrics(context);
    await orchestrate(context);
    narrator.chapter('The end');
    narrator.say('Every event above was validated against its registered contract on the way out and on the way in.');
  } finally {
    await system.close();
    await infrastructure.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let options: DemoOptions;
  try {
    options = parseDemoOptions(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  try {
    await runDemo(options);
  } catch (error) {
    console.error(`\nThe demo failed: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
  }
  // PGlite and NATS may leave timers behind; the story is over either way.
  process.exit();
}
