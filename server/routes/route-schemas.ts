/** JSON Schemas of path and query parts that several routes share (fastify validates with them). */
export const subjectParams = {
  type: 'object',
  properties: { subject: { type: 'string' } },
  required: ['subject'],
} as const;

export const versionParams = {
  type: 'object',
  properties: { subject: { type: 'string' }, version: { type: 'string' } },
  required: ['subject', 'version'],
} as const;

/** A version as a query or body names it: a number, `latest` or a semver (parsed by the registry). */
export const versionRef = { anyOf: [{ type: 'string', minLength: 1, maxLength: 100 }, { type: 'integer' }] } as const;

export const booleanFlag = { type: 'string', enum: ['true', 'false'] } as const;
