import { MemoryBus, NatsTransport, type Transport } from '../../client/index.js';

export type TransportChoice = { kind: 'memory'; bus?: MemoryBus } | { kind: 'nats'; servers: string; stream?: string; prefix?: string };

/** The in-memory bus (default, nothing to run) or NATS JetStream. */
export async function connectTransport(choice: TransportChoice = { kind: 'memory' }): Promise<Transport> {
  if (choice.kind === 'memory') return (choice.bus ?? new MemoryBus()).connect();
  return NatsTransport.connect({ servers: choice.servers, stream: choice.stream, prefix: choice.prefix });
}
