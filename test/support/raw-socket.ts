import net from 'node:net';

/**
 * A hand-driven HTTP connection: write bytes when you like, read whatever the server sends, and
 * learn when (and whether) it hangs up. For slow clients, oversized headers and lying lengths.
 */
export async function openSocket(url: string) {
  const { hostname, port } = new URL(url);
  const socket = net.connect({ host: hostname, port: Number(port) });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  const openedAt = performance.now();
  socket.on('data', (chunk) => (received += chunk.toString('latin1')));
  socket.on('error', () => undefined); // a reset is an answer too: the server hung up
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(performance.now() - openedAt)));
  return {
    write: (text: string) => (socket.destroyed ? false : socket.write(text)),
    received: () => received,
    /** Milliseconds from connect to close, once the server hangs up. */
    closed,
    isClosed: () => socket.destroyed,
    destroy: () => socket.destroy(),
  };
}
