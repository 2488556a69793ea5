import { parseArgs } from 'node:util';

export interface DemoOptions {
  transport: 'memory' | 'nats';
  natsUrl: string;
  /** PostgreSQL for the event store; PGlite in memory when absent. */
  databaseUrl?: string;
  /** An external registry; an embedded one when absent. */
  registryUrl?: string;
}

export const demoUsage = `Usage: tsx flows/demo/main.ts [--transport memory|nats] [--nats-url URL] [--database-url URL] [--registry-url URL]

  Defaults need no set-up: an in-process registry, an in-memory PGlite event store, an in-memory bus.
  --transport nats     NATS JetStream (default URL $NATS_URL or nats://127.0.0.1:4222)
  --database-url URL   PostgreSQL for the event store and read model
  --registry-url URL   a running Charter registry instead of the embedded one`;

/** Reads the demo's flags; throws a message meant for the user on anything unknown. */
export function parseDemoOptions(argv: string[]): DemoOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      transport: { type: 'string', default: 'memory' },
      'nats-url': { type: 'string', default: process.env.NATS_URL || 'nats://127.0.0.1:4222' },
      'database-url': { type: 'string' },
      'registry-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) throw new Error(demoUsage);
  if (values.transport !== 'memory' && values.transport !== 'nats') throw new Error(`--transport must be memory or nats, not ${values.transport}\n\n${demoUsage}`);
  return { transport: values.transport, natsUrl: values['nats-url']!, databaseUrl: values['database-url'], registryUrl: values['registry-url'] };
}
