import type { FastifyInstance } from 'fastify';
import type { RouteOptions } from './route-context.js';

/** The cluster name Confluent's registry reports by default; tools only display it. */
const CLUSTER_ID = 'schema-registry';

/** Confluent's `/v1/metadata` routes: which registry cluster this is, and which version it runs. */
export async function serverMetadataRoutes(app: FastifyInstance, { version }: RouteOptions): Promise<void> {
  app.get('/v1/metadata/id', async () => ({ scope: { path: [], clusters: { 'schema-registry-cluster': CLUSTER_ID } } }));
  app.get('/v1/metadata/version', async () => ({ version: version ?? '0.0.0', commitId: process.env.CHARTER_COMMIT ?? 'unknown' }));
}
