import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FailingProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of a real registry that plays a failure on the requests `fails` picks:
 * `before` drops the connection without forwarding (the registry never sees the request), `after`
 * forwards it and drops the connection instead of answering (the write happened, the answer is lost).
 */
export async function startFailingProxy(
  target: string,
  fails: (method: string, url: string) => boolean,
  when: 'before' | 'after',
): Promise<FailingProxy> {
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const failing = fails(request.method!, request.url!);
    if (failing && when === 'before') return request.socket.destroy();
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k))) as Record<string, string>;
    const answer = await fetch(`${target}${request.url}`, {
      method: request.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    const body = Buffer.from(await answer.arrayBuffer());
    if (failing) return request.socket.destroy();
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
