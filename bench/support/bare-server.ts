import Fastify from 'fastify';

/**
 * The floor for `GET /schemas/ids/{id}`: a bare fastify route that returns the same bytes with the
 * same content type, and does nothing else.
 */
const body = process.env.BARE_BODY ?? '{}';
const app = Fastify({ logger: false });
app.get('/schemas/ids/:id', async (_request, reply) => reply.type('application/vnd.schemaregistry.v1+json').send(body));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
