import { OpenApiBuilder, type OpenAPIObject, type ParameterObject } from 'openapi3-ts/oas31';
import { componentSchemas } from './components.js';
import { operations } from './operations.js';

const queryDescriptions: Record<string, string> = {
  deleted: 'Include soft-deleted entries',
  permanent: 'Hard delete (after a soft delete)',
  normalize: 'Canonicalise the schema first',
  dryRun: 'true: run every registration check and answer as registration would, writing nothing',
  verbose: 'Include messages',
  defaultToGlobal: 'Fall back to the global setting',
  force: 'Switch to IMPORT even when schemas exist',
  from: 'The version the diff starts from (number, latest or semver)',
  to: 'The version the diff leads to (number, latest or semver)',
  subject: 'Answer the subject-scoped actions for this subject',
  counterexamples: 'false: skip the counterexample search (it can take seconds for very wide schemas)',
};

const errorResponse = {
  description: 'Error (Confluent body)',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
};

/** Builds the OpenAPI 3.1 document of the whole API from the operation list. */
export function buildOpenApiDocument(version: string): OpenAPIObject {
  const builder = OpenApiBuilder.create()
    .addOpenApiVersion('3.1.0')
    .addTitle('Charter schema registry')
    .addVersion(version)
    .addDescription('A Confluent-compatible JSON Schema registry with semver, verified migration rules and consumer negotiation.');
  for (const [name, schema] of Object.entries(componentSchemas)) builder.addSchema(name, schema);
  // Authentication is off unless the server runs with an auth file, hence the empty alternative.
  builder.addSecurityScheme('apiKey', { type: 'http', scheme: 'basic', description: 'An API key as key:secret (Confluent basic.auth.user.info)' });
  builder.addSecurityScheme('bearer', { type: 'http', scheme: 'bearer', description: 'An API key key:secret, or a JWT verified against the JWKS' });
  builder.rootDoc.security = [{}, { apiKey: [] }, { bearer: [] }];
  const byPath = new Map<string, Record<string, unknown>>();
  for (const op of operations) {
    const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map(
      ([, name]): ParameterObject => ({ name: name!, in: 'path', required: true, schema: { type: 'string' } }),
    );
    const queryParams = (op.query ?? []).map(
      (name): ParameterObject => ({ name, in: 'query', required: false, description: queryDescriptions[name], schema: { type: 'string' } }),
    );
    const item = byPath.get(op.path) ?? {};
    item[op.method] = {
      summary: op.summary,
      tags: [op.tag],
      operationId: `${op.method}${op.path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
      parameters: [...pathParams, ...queryParams],
      ...(op.body
        ? { requestBody: { required: true, content: { 'application/vnd.schemaregistry.v1+json': { schema: { $ref: `#/components/schemas/${op.body}` } }, 'application/json': { schema: { $ref: `#/components/schemas/${op.body}` } } } } }
        : {}),
      responses: {
        '200': { description: 'OK', content: { 'application/vnd.schemaregistry.v1+json': { schema: { $ref: `#/components/schemas/${op.response}` } } } },
        default: errorResponse,
      },
    };
    byPath.set(op.path, item);
  }
  for (const [path, item] of byPath) builder.addPath(path, item);
  return builder.getSpec();
}
