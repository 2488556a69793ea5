import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type CharterApp } from '../../../server/app.js';
import { openStore } from '../../../server/storage/open-store.js';
import type { SqlDriver } from '../../../server/storage/sql-driver.js';
import { openSocket } from '../../support/raw-socket.js';
import { call } from '../../support/registry.js';

// Short timeouts so the suite runs in seconds; the defaults are checked separately below.
const timeouts = { requestMs: 1_500, headersMs: 1_000, idleMs: 3_000, checkIntervalMs: 200 };
let db: SqlDriver;
let built: CharterApp;
let url: string;
beforeAll(async () => {
  db = await openStore({ kind: 'pglite' });
  built = buildApp({ db, timeouts });
  url = await built.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await built.app.close();
  await db.close();
});

const trickle = (socket: Awaited<ReturnType<typeof openSocket>>, byte: string, everyMs: number) => {
  const timer = setInterval(() => socket.write(byte), everyMs);
  void socket.closed.then(() => clearInterval(timer));
  return timer;
};

describe('slow and malformed clients are cut off', () => {
  it('ships sensible default timeouts', async () => {
    const defaults = buildApp({ db });
    expect(defaults.app.server.requestTimeout).toBe(30_000);
    expect(defaults.app.server.headersTimeout).toBe(10_000);
    expect(defaults.app.server.timeout).toBe(60_000);
    await defaults.app.close();
  });

  it('drops a client that sends its headers and then trickles the body', async () => {
    const socket = await openSocket(url);
    socket.write('PUT /config HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{');
    const timer = trickle(socket, ' ', 100);
    const elapsed = await socket.closed;
    clearInterval(timer);
    expect(elapsed).toBeLessThan(timeouts.requestMs + 1_500);
    expect(socket.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('drops a client that never finishes its headers (slowloris)', async () => {
    const socket = await openSocket(url);
    socket.write('GET /subjects HTTP/1.1\r\nhost: x\r\n');
    const timer = trickle(socket, 'x-a: b\r\n', 100);
    const elapsed = await socket.closed;
    clearInterval(timer);
    expect(elapsed).toBeLessThan(timeouts.headersMs + 1_500);
  });

  it('closes a connection that sends nothing at all', async () => {
    const socket = await openSocket(url);
    const elapsed = await socket.closed;
    expect(elapsed).toBeLessThan(timeouts.idleMs + 1_500);
  });

  it('answers 431 to headers larger than Node accepts', async () => {
    const socket = await openSocket(url);
    socket.write(`GET /subjects HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    await socket.closed;
    expect(socket.received()).toMatch(/^HTTP\/1\.1 431/);
  });

  it('answers 400 to a request line that is not HTTP', async () => {
    const socket = await openSocket(url);
    socket.write('HELLO THERE\r\n\r\n');
    await socket.closed;
    expect(socket.received()).toMatch(/^HTTP\/1\.1 400/);
  });

  it('answers 400 to a body longer than its content-length, and reads nothing past it', async () => {
    const socket = await openSocket(url);
    socket.write('PUT /config HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 5\r\n\r\n{"compatibility":"NONE"}');
    await socket.closed;
    expect(socket.received()).toMatch(/^HTTP\/1\.1 400/);
    expect((await call(url, 'GET', '/config')).body.compatibilityLevel).toBe('BACKWARD');
  });

  it('keeps answering normal requests while fifty slow clients hold connections', async () => {
    const sockets = await Promise.all(Array.from({ length: 50 }, () => openSocket(url)));
    const timers = sockets.map((socket) => {
      socket.write('POST /subjects/slow.A/versions HTTP/1.1\r\nhost: x\r\ncontent-length: 100000\r\n\r\n');
      return trickle(socket, 'a', 200);
    });
    const started = performance.now();
    const response = await call(url, 'GET', '/subjects');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(response.status).toBe(200);
    await Promise.all(sockets.map((socket) => socket.closed));
    timers.forEach(clearInterval);
    expect((await call(url, 'GET', '/subjects')).body).toEqual([]);
  });
});
