import semver from 'semver';
import type { SchemaChange } from '../../core/compat/index.js';
import type { PolicyRule } from '../../core/policy/index.js';
import type { Finding } from './finding.js';
import { lineOfPointer } from './schema-line.js';
import { fileOf, finding, type FindingSite } from './version-context.js';

/** A registry refusal as the policy and the HTTP API both carry it: code, message and details. */
export interface Refusal {
  code?: string;
  message: string;
  details: Record<string, unknown>;
}

/**
 * The check a refusal belongs to: the policy's rule when it names one, else by error code (schema,
 * examples, rule verification), so a refusal reads the same whether core/policy raised it offline
 * or the registry answered it to a dry run.
 */
export function checkOfRefusal(refusal: Refusal): string {
  const named = refusal.details.policyRule;
  if (typeof named === 'string') return named;
  switch (refusal.code) {
    case 'INVALID_SCHEMA':
      return 'schema-is-valid';
    case 'INVALID_EVENT':
      return 'examples-as-labelled';
    case 'INVALID_RULESET':
      return 'migration-rules-verified';
    case 'INVALID_SUBJECT':
      return 'subject-name';
    case 'INCOMPATIBLE_SCHEMA':
      return 'compatible-within-major';
    case 'INVALID_SEMVER':
      return 'semver-bump';
    default:
      return 'registry-refused';
  }
}

/** A refusal as findings: where to look (file, line) and what to do instead, per policy rule. */
export function findingsOfRefusal(site: FindingSite, refusal: Refusal): Finding[] {
  const check = checkOfRefusal(refusal);
  const present = presenters[check as PolicyRule];
  return present ? present(site, refusal, check) : [finding(site, check, { message: refusal.message })];
}

type Presenter = (site: FindingSite, refusal: Refusal, check: string) => Finding[];

const presenters: Record<PolicyRule, Presenter> = {
  'subject-name': (site, refusal, check) => [
    finding(site, check, {
      file: `${site.dir}/${site.subject}`,
      message: refusal.message,
      hint: 'rename the subject folder: letters, digits, dots, dashes and underscores are safe (e.g. order.OrderPlaced, orders-value)',
    }),
  ],
  'semver-order': (site, refusal, check) => {
    const latest = String(refusal.details.latest);
    return [
      finding(site, check, {
        message: `${site.version.semver} is not above ${latest}, the latest version registered: versions are a line, not a tree`,
        hint: `publish the change as a version above ${latest} (e.g. ${semver.inc(latest, 'patch')})`,
      }),
    ];
  },
  'identical-schema': (site, refusal, check) => [
    finding(site, check, {
      message: `${site.version.semver} has exactly the schema of ${String(refusal.details.existing)}; one schema is one version`,
      hint: 'delete this version, or make the change it was meant to carry',
    }),
  ],
  'compatible-within-major': (site, refusal, check) => {
    const latest = String(refusal.details.latest);
    const level = String(refusal.details.level ?? 'BACKWARD');
    const next = `${semver.major(site.version.semver) + 1}.0.0`;
    const hint =
      `make the change compatible (e.g. add a field as optional, widen instead of narrow), or publish it as ${next} ` +
      `with ${site.subject}/${next}.upgrade.jsonata turning ${latest} events into ${next} events`;
    const example = describeCounterexample(refusal.details.counterexample, latest, site.version.semver);
    const changes = (refusal.details.changes ?? []) as SchemaChange[];
    const breaking = changes.filter((c) => breaksAt(c, level));
    if (breaking.length === 0) {
      const messages = (refusal.details.messages ?? [refusal.message]) as string[];
      return [finding(site, check, { message: `incompatible with ${latest} under ${level}: ${messages.join('; ')}${example}`, hint })];
    }
    return breaking.map((change, i) =>
      finding(site, check, {
        line: lineOfPointer(site.schemaText, change.path),
        message: `breaks ${level} compatibility with ${latest} at ${change.path || '/'}: ${change.message}${i === 0 ? example : ''}`,
        hint,
        details: change,
      }),
    );
  },
  'semver-bump': (site, refusal, check) => {
    const latest = String(refusal.details.latest);
    const required = String(refusal.details.requiredBump) as 'patch' | 'minor' | 'major';
    const declared = (semver.diff(latest, site.version.semver) ?? 'patch').replace(/^pre/, '').replace(/^release$/, 'patch');
    const suggestion = semver.inc(latest, required)!;
    return [
      finding(site, check, {
        message: `${latest} → ${site.version.semver} declares a ${declared}, but the change is a ${required} (${required === 'minor' ? 'it changes which events are valid' : 'it breaks readers'})`,
        hint: `rename the version's files to ${suggestion} (e.g. ${site.subject}/${suggestion}.schema.json)`,
      }),
    ];
  },
  'new-major-has-upgrade-rule': (site, refusal, check) => {
    const predecessor = String(refusal.details.predecessor);
    return [
      finding(site, check, {
        message: `${site.version.semver} starts a new major but has no upgrade rule, so ${predecessor} events already written cannot be read as ${site.version.semver}`,
        hint: `add ${fileOf(site, 'upgrade')}: a JSONata expression turning a ${predecessor} event into a ${site.version.semver} event (or set "requireMigration": false in subject.json)`,
      }),
    ];
  },
  'rule-on-first-version': (site, refusal, check) => [
    finding(site, check, {
      file: fileOf(site, 'upgrade'),
      message: refusal.message,
      hint: `delete the first version's .upgrade.jsonata / .downgrade.jsonata: there is nothing before ${site.version.semver} to migrate from`,
    }),
  ],
};

/** Does a change break readers in the direction(s) the level protects? */
function breaksAt(change: SchemaChange, level: string): boolean {
  if (level.startsWith('FULL')) return change.breaksBackward || change.breaksForward;
  if (level.startsWith('FORWARD')) return change.breaksForward;
  return change.breaksBackward;
}

/** The engine's counterexample `{event, direction}` as a sentence: whose event, and who cannot read it. */
function describeCounterexample(counterexample: unknown, older: string, newer: string): string {
  if (counterexample === undefined) return '';
  const { event, direction } = counterexample as { event?: unknown; direction?: string };
  if (event === undefined) return `; counterexample: ${JSON.stringify(counterexample)}`;
  const [writer, reader] = direction === 'forward' ? [newer, older] : [older, newer];
  return `; e.g. this ${writer} event is not readable by ${reader} readers: ${JSON.stringify(event)}`;
}
