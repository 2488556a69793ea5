import { describe, expect, it } from 'vitest';
import { RegistryError } from '../../../core/errors/index.js';
import {
  assertMigrationRequirement,
  decideVersion,
  groupFunction,
  identicalVersion,
  subjectNameProblem,
  type PolicyConfig,
  type PolicyVersion,
} from '../../../core/policy/index.js';
import type { RuleSet } from '../../../core/migrate/index.js';
import type { JsonSchema } from '../../../core/schema/types.js';

const v1: JsonSchema = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'], additionalProperties: false };
const v1_1: JsonSchema = { ...v1, properties: { ...(v1 as { properties: object }).properties, note: { type: 'string' } } };
const v1_annotated: JsonSchema = { ...v1, description: 'annotated' };
const v2: JsonSchema = { type: 'object', properties: { key: { type: 'integer' } }, required: ['key'] };
const config: PolicyConfig = { compatibilityLevel: 'BACKWARD', compatibilityPolicy: 'STRICT', requireMigration: true };
const byMajor = groupFunction({});

function live(...versions: Array<[string, JsonSchema]>): PolicyVersion[] {
  return versions.map(([semver, schema], i) => ({ version: i + 1, semver, input: { schema }, group: byMajor({ semver }) }));
}

/** The policy rule a call refuses with (`details.policyRule`), or 'accepted'. */
function ruleOf(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    return String(error.details.policyRule);
  }
}

const decide = (schema: JsonSchema, declared: string | undefined, versions: PolicyVersion[], overrides: Partial<PolicyConfig> = {}) =>
  decideVersion({ candidate: { schema }, candidateGroup: (semver) => byMajor({ semver }), live: versions, declared, config: { ...config, ...overrides } });

describe('core/policy: semver', () => {
  it('requires the bump the change needs: patch for annotations, minor for compatible, major for breaking', () => {
    const published = live(['1.0.0', v1]);
    expect(decide(v1_annotated, undefined, published)).toMatchObject({ semver: '1.0.1', bump: 'patch' });
    expect(decide(v1_1, undefined, published)).toMatchObject({ semver: '1.1.0', bump: 'minor' });
    expect(ruleOf(() => decide(v1_1, '1.0.1', published))).toBe('semver-bump');
    expect(ruleOf(() => decide(v2, '1.1.0', published))).toBe('compatible-within-major');
    expect(decide(v2, '2.0.0', published)).toMatchObject({ semver: '2.0.0', opensGroup: true });
  });

  it('refuses a back-patch below the latest registered version, whatever the change', () => {
    const published = live(['1.0.0', v1], ['2.0.0', v2]);
    expect(ruleOf(() => decide(v1_annotated, '1.0.1', published))).toBe('semver-order');
    expect(ruleOf(() => decide(v2, '2.0.0', published))).toBe('semver-order');
    expect(decide({ ...(v2 as object), title: 't' }, '2.0.1', published)).toMatchObject({ semver: '2.0.1', bump: 'patch' });
  });

  it('under level NONE accepts any change but still labels a breaking one a major', () => {
    const published = live(['1.0.0', v1]);
    expect(ruleOf(() => decide(v2, '1.1.0', published, { compatibilityLevel: 'NONE' }))).toBe('semver-bump');
    expect(decide(v2, undefined, published, { compatibilityLevel: 'NONE' })).toMatchObject({ semver: '2.0.0', bump: 'major' });
  });
});

describe('core/policy: identical schema', () => {
  const versions = [{ version: 1, semver: '1.0.0', fingerprint: 'a' }, { version: 2, semver: '1.1.0', fingerprint: 'b' }];

  it('is idempotent under the same (or no) semver and refused under another', () => {
    expect(identicalVersion(versions, 'b', '1.1.0')).toBe(versions[1]);
    expect(identicalVersion(versions, 'b', undefined)).toBe(versions[1]);
    expect(identicalVersion(versions, 'c', '1.2.0')).toBeUndefined();
    expect(ruleOf(() => identicalVersion(versions, 'a', '1.2.0'))).toBe('identical-schema');
  });
});

describe('core/policy: migration requirement', () => {
  const upgrade: RuleSet = { migrationRules: [{ name: 'up', kind: 'TRANSFORM', type: 'JSONATA', mode: 'UPGRADE', expr: '$' }] };
  const require = (fields: Partial<Parameters<typeof assertMigrationRequirement>[0]>) =>
    ruleOf(() => assertMigrationRequirement({ subject: 's', semver: '2.0.0', predecessor: '1.0.0', opensGroup: true, requireMigration: true, ...fields }));

  it('asks a new major for an UPGRADE rule unless the subject opted out, and refuses rules on a first version', () => {
    expect(require({})).toBe('new-major-has-upgrade-rule');
    expect(require({ ruleSet: upgrade })).toBe('accepted');
    expect(require({ requireMigration: false })).toBe('accepted');
    expect(require({ opensGroup: false })).toBe('accepted');
    expect(require({ predecessor: undefined, ruleSet: upgrade })).toBe('rule-on-first-version');
  });
});

describe('core/policy: subject names', () => {
  it.each([
    ['order.OrderPlaced', true],
    ['orders-value', true],
    ['commandes.Passée', true],
    ['Bad%Name', false],
    ['a/b', false],
    ['back\\slash', false],
    [' padded', false],
    ['', false],
    ['..', false],
    ['x'.repeat(256), false],
    ['line\nbreak', false],
  ])('%j is accepted: %s', (name, ok) => {
    expect(subjectNameProblem(name) === undefined).toBe(ok);
  });
});
