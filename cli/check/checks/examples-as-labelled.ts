import { compileSchema } from '../../../core/schema/compile.js';
import { fileOf, finding, type VersionContext } from '../version-context.js';
import type { VersionCheck } from './version-check.js';

/** Example events are the contract's test cases: valid ones must pass, invalid ones must fail. */
export const examplesAsLabelled: VersionCheck = {
  name: 'examples-as-labelled',
  summary: 'valid examples pass the schema and invalid examples fail it',
  run(ctx: VersionContext) {
    const { examples } = ctx.version;
    if (!examples) return [];
    const { validate } = compileSchema(ctx.version.schema, ctx.version.references);
    const file = fileOf(ctx, 'examples');
    const found = [];
    for (const [i, event] of examples.valid.entries()) {
      if (validate(event)) continue;
      const first = validate.errors?.[0];
      const why = first ? `${first.instancePath || '/'} ${first.message}` : 'it fails';
      found.push(finding(ctx, this.name, { file, message: `valid[${i}] is labelled valid but fails the schema: ${why}`, hint: 'fix the example, or move it to "invalid" if the schema is right' }));
    }
    for (const [i, event] of examples.invalid.entries()) {
      if (!validate(event)) continue;
      found.push(finding(ctx, this.name, { file, message: `invalid[${i}] is labelled invalid but passes the schema`, hint: 'tighten the schema so it refuses this event, or move the example to "valid"' }));
    }
    return found;
  },
};
