import semver from 'semver';
import { lineOfPointer } from '../schema-line.js';
import { finding, type VersionContext } from '../version-context.js';
import { breaksAt, checkAgainst } from './compat-engine.js';
import type { VersionCheck } from './version-check.js';

/**
 * Within a major (a compatibility group) the subject's level holds, against the versions the
 * level covers: the latest one, or every one of the major for the _TRANSITIVE levels.
 */
export const compatibleWithinMajor: VersionCheck = {
  name: 'compatible-within-major',
  summary: "a version is compatible with the earlier versions of its major at the subject's level",
  run(ctx: VersionContext) {
    const major = semver.major(ctx.version.semver);
    const group = ctx.previous.filter((v) => semver.major(v.semver) === major).reverse();
    if (group.length === 0 || ctx.level === 'NONE') return [];
    const result = checkAgainst(ctx.version.schema, group.map((v) => v.schema), ctx.level);
    if (result.compatible) return [];
    const latest = group[0]!.semver;
    const next = `${major + 1}.0.0`;
    const hint =
      `make the change compatible (e.g. add a field as optional, widen instead of narrow), or publish it as ${next} ` +
      `with ${ctx.subject}/${next}.upgrade.jsonata turning ${latest} events into ${next} events`;
    const example = describeCounterexample(result.counterexample, latest, ctx.version.semver);
    const breaking = result.changes.filter((c) => breaksAt(c, ctx.level));
    if (breaking.length === 0) {
      return [finding(ctx, this.name, { message: `incompatible with ${latest} under ${ctx.level}: ${result.messages.join('; ')}${example}`, hint })];
    }
    return breaking.map((change, i) =>
      finding(ctx, this.name, {
        line: lineOfPointer(ctx.schemaText, change.path),
        message: `breaks ${ctx.level} compatibility with ${latest} at ${change.path || '/'}: ${change.message}${i === 0 ? example : ''}`,
        hint,
        details: change,
      }),
    );
  },
};

/** The engine's counterexample `{event, direction}` as a sentence: whose event, and who cannot read it. */
function describeCounterexample(counterexample: unknown, older: string, newer: string): string {
  if (counterexample === undefined) return '';
  const { event, direction } = counterexample as { event?: unknown; direction?: string };
  if (event === undefined) return `; counterexample: ${JSON.stringify(counterexample)}`;
  const [writer, reader] = direction === 'forward' ? [newer, older] : [older, newer];
  return `; e.g. this ${writer} event is not readable by ${reader} readers: ${JSON.stringify(event)}`;
}
