import { compileSchema, metaSchemaErrors } from '../../../core/schema/compile.js';
import { finding, type VersionContext } from '../version-context.js';
import type { VersionCheck } from './version-check.js';

/** A schema the registry would refuse outright; nothing else about the version is worth checking. */
export const schemaCompiles: VersionCheck = {
  name: 'schema-is-valid',
  summary: 'the schema is valid JSON Schema for its draft and compiles without network references',
  gate: true,
  run(ctx: VersionContext) {
    const meta = metaSchemaErrors(ctx.version.schema);
    if (meta) return [finding(ctx, this.name, { message: `not a valid JSON Schema: ${meta}`, hint: 'fix the keyword the message names' })];
    try {
      compileSchema(ctx.version.schema, ctx.version.references);
      return [];
    } catch (error) {
      return [finding(ctx, this.name, { message: `the schema does not compile: ${(error as Error).message}`, hint: 'only local $refs (#/...) and other contracts as "<subject>/<semver>" are resolved; nothing is fetched' })];
    }
  },
};
