import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import type { Transport } from '../../client/index.js';
import { redactUrl } from '../../server/index.js';
import type { SqlDriver } from '../../server/storage/sql-driver.js';
import { openEventDatabase } from '../event-store/index.js';
import { connectTransport, startEmbeddedRegistry } from '../runtime/index.js';
import type { DemoOptions } from './demo-options.js';

export interface DemoInfrastructure {
  registryUrl: string;
  transport: Transport;
  database: SqlDriver;
  /** One line per piece, for the opening of the story. */
  description: string[];
  /** Short tag unique to this run, so ids never collide with an earlier run on the same database. */
  runTag: string;
  /** Releases whatever the FlowSystem does not close itself (the registry, the run's NATS stream). */
  close(): Promise<void>;
}

/** Starts (or connects to) what the story runs on. */
export async function startDemoInfrastructure(options: DemoOptions): Promise<DemoInfrastructure> {
  const runTag = randomBytes(2).toString('hex');
  const cleanups: Array<() => Promise<void>> = [];
  const description: string[] = [];

  let registryUrl = options.registryUrl;
  if (registryUrl === undefined) {
    const registry = await startEmbeddedRegistry();
    cleanups.push(() => registry.close());
    registryUrl = registry.url;
    description.push(`registry      Charter, in this process, on in-memory PGlite at ${registryUrl}`);
  } else description.push(`registry      Charter at ${registryUrl}`);

  const database = await openEventDatabase(options.databaseUrl === undefined ? { kind: 'pglite' } : { kind: 'postgres', databaseUrl: options.databaseUrl });
  description.push(`event store   ${database.kind === 'pglite' ? 'PGlite, in memory' : `PostgreSQL at ${redactUrl(options.databaseUrl!)}`}`);

  let transport: Transport;
  if (options.transport === 'nats') {
    // A stream per run: durable consumers from an earlier run must not swallow this run's events.
    const stream = `CHARTER_DEMO_${runTag.toUpperCase()}`;
    transport = await connectTransport({ kind: 'nats', servers: options.natsUrl, stream, prefix: `demo${runTag}.` });
    cleanups.push(async () => {
      const nc = await connect({ servers: options.natsUrl });
      await (await nc.jetstreamManager()).streams.delete(stream).catch(() => false);
      await nc.close();
    });
    description.push(`bus           NATS JetStream at ${options.natsUrl} (stream ${stream}, deleted at the end)`);
  } else {
    transport = await connectTransport({ kind: 'memory' });
    description.push('bus           in-memory (durable groups, acks and redelivery, like JetStream)');
  }

  return {
    registryUrl,
    transport,
    database,
    description,
    runTag,
    async close() {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    },
  };
}
