import type { RuleSet } from '../../core/migrate/index.js';
import { canonicalJson, sha256 } from '../../core/schema/canonical.js';
import type { SchemaReference, VersionMetadata } from './model.js';

/** What identifies a schema, as in Confluent: its text, references, metadata and rule set. */
export interface SchemaIdentity {
  text: string;
  references: readonly SchemaReference[];
  metadata?: VersionMetadata;
  ruleSet?: RuleSet;
}

/**
 * The fingerprint that decides whether two registrations are the same schema (one global id).
 * A schema without metadata and rules keeps the fingerprint it had before metadata and rules were
 * part of the identity, so rows stored then need no rewrite; key order inside metadata and rules
 * does not matter, and empty ones count as absent.
 */
export function identityFingerprint(identity: SchemaIdentity): string {
  const metadata = meaningfulMetadata(identity.metadata);
  const ruleSet = meaningfulRuleSet(identity.ruleSet);
  const parts: unknown[] = ['JSON', identity.text, identity.references];
  if (metadata || ruleSet) parts.push(canonicalJson(metadata ?? null), canonicalJson(ruleSet ?? null));
  return sha256(JSON.stringify(parts));
}

/** Metadata with at least one tag, property or sensitive name; undefined otherwise. */
export function meaningfulMetadata(metadata: VersionMetadata | undefined | null): VersionMetadata | undefined {
  if (!metadata) return undefined;
  const filled = Object.entries(metadata).filter(([, value]) => value !== null && value !== undefined && Object.keys(value).length > 0);
  return filled.length > 0 ? (Object.fromEntries(filled) as VersionMetadata) : undefined;
}

/** A rule set with at least one rule; undefined otherwise. */
export function meaningfulRuleSet(ruleSet: RuleSet | undefined | null): RuleSet | undefined {
  if (!ruleSet) return undefined;
  const filled = Object.entries(ruleSet).filter(([, rules]) => Array.isArray(rules) && rules.length > 0);
  return filled.length > 0 ? (Object.fromEntries(filled) as RuleSet) : undefined;
}

/**
 * A schema's GUID, derived from its identity fingerprint: the same content has the same GUID in
 * every registry and context (as Redpanda documents GUIDs), so a message framed with it reads the
 * same wherever the schema was registered. Laid out as an RFC 9562 version-8 (custom) UUID.
 */
export function guidOf(fingerprint: string): string {
  const hex = fingerprint.slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
