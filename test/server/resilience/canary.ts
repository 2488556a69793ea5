import net from 'node:net';

/**
 * A local TCP listener that hostile `$ref`s point at. The registry must never fetch a schema, so
 * any connection it sees is a failure; it counts them instead of answering.
 */
export async function startCanary(): Promise<{ origin: string; connections(): number; close(): Promise<void> }> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
