/**
 * The catalog of change kinds. A kind names what changed from the older schema to the newer one;
 * `breaksBackward`/`breaksForward` in the catalog are the usual effect, while each reported change
 * carries the effect the engine actually proved for that pair (for example a property added to an
 * open object breaks backward under STRICT but not under LENIENT).
 *
 * Backward = a reader using the newer schema reads events written with the older one.
 * Forward  = a reader using the older schema reads events written with the newer one.
 */

/** What the engine knows about one change when it describes it. */
export interface ChangeDetail {
  /** Which check found it: 'backward' (old events, new reader) or 'forward' (new events, old reader). */
  direction?: 'backward' | 'forward';
  /** Property name, item index, pattern or keyword the change is about. */
  key?: string;
  /** Value in the older schema (a keyword value, a type list...). */
  old?: unknown;
  /** Value in the newer schema. */
  new?: unknown;
  /** Extra explanation (why the engine could not decide, which value fails...). */
  note?: string;
}

export interface ChangeKindSpec {
  readonly breaksBackward: boolean;
  readonly breaksForward: boolean;
  /** Rule family, used for grouping in docs and tests. */
  readonly family: 'annotation' | 'type' | 'enum' | 'string' | 'number' | 'object' | 'array' | 'combinator' | 'reference' | 'undecidable';
  readonly summary: string;
  describe(d: ChangeDetail): string;
}

const fmt = (v: unknown): string => {
  if (v === undefined) return 'none';
  if (typeof v === 'string') return JSON.stringify(v);
  try {
    const s = JSON.stringify(v);
    return s.length > 80 ? s.slice(0, 77) + '...' : s;
  } catch {
    return String(v);
  }
};
const name = (d: ChangeDetail) => '`' + (d.key ?? '?') + '`';
const note = (d: ChangeDetail) => (d.note ? ` (${d.note})` : '');
const dirText = (d: ChangeDetail, backward: string, forward: string) => (d.direction === 'forward' ? forward : backward);

function spec(
  family: ChangeKindSpec['family'],
  breaksBackward: boolean,
  breaksForward: boolean,
  summary: string,
  describe: (d: ChangeDetail) => string,
): ChangeKindSpec {
  return { family, breaksBackward, breaksForward, summary, describe };
}

const annotation = (keyword: string) =>
  spec('annotation', false, false, `\`${keyword}\` changed (annotation only)`, (d) => `\`${keyword}\` changed from ${fmt(d.old)} to ${fmt(d.new)}; annotations do not affect which events are valid`);

export const changeKinds = {
  // --- annotations (semver patch) -----------------------------------------------------------
  TITLE_CHANGED: annotation('title'),
  DESCRIPTION_CHANGED: annotation('description'),
  DEFAULT_CHANGED: annotation('default'),
  EXAMPLES_CHANGED: annotation('examples'),
  COMMENT_CHANGED: annotation('$comment'),
  DEPRECATED_CHANGED: annotation('deprecated'),
  READ_ONLY_CHANGED: annotation('readOnly'),
  WRITE_ONLY_CHANGED: annotation('writeOnly'),
  ANNOTATION_CHANGED: spec('annotation', false, false, 'another annotation changed', (d) => `annotation ${name(d)} changed from ${fmt(d.old)} to ${fmt(d.new)}; it does not affect which events are valid`),
  ID_CHANGED: spec('reference', false, false, '`$id` changed', (d) => `\`$id\` changed from ${fmt(d.old)} to ${fmt(d.new)}; references are still resolved inside each version`),
  SCHEMA_DIALECT_CHANGED: spec('reference', false, false, '`$schema` changed', (d) => `\`$schema\` changed from ${fmt(d.old)} to ${fmt(d.new)}; keywords are read with each version's own draft`),

  // --- types -----------------------------------------------------------------------------------
  TYPE_NARROWED: spec('type', true, false, 'the newer schema accepts fewer JSON types', (d) =>
    `type narrowed from ${fmt(d.old)} to ${fmt(d.new)}: old events whose value is ${d.note ?? 'of a removed type'} are rejected by readers of the new schema; keep accepting that type`),
  TYPE_EXTENDED: spec('type', false, true, 'the newer schema accepts more JSON types', (d) =>
    `type extended from ${fmt(d.old)} to ${fmt(d.new)}: new events may carry ${d.note ?? 'a value of an added type'}, which readers of the old schema reject`),
  TYPE_CHANGED: spec('type', true, true, 'the JSON type changed', (d) =>
    `type changed from ${fmt(d.old)} to ${fmt(d.new)}: neither version's readers accept all of the other's values`),

  // --- enum / const ----------------------------------------------------------------------------
  ENUM_NARROWED: spec('enum', true, false, 'the newer schema allows fewer values', (d) =>
    `allowed values narrowed (old ${fmt(d.old)}, new ${fmt(d.new)})${note(d)}: old events may carry a value the new schema rejects; keep the old values in \`enum\`/\`const\``),
  ENUM_EXTENDED: spec('enum', false, true, 'the newer schema allows more values', (d) =>
    `allowed values extended (old ${fmt(d.old)}, new ${fmt(d.new)})${note(d)}: new events may carry a value readers of the old schema reject`),
  ENUM_CHANGED: spec('enum', true, true, 'the allowed values changed', (d) =>
    `allowed values changed (old ${fmt(d.old)}, new ${fmt(d.new)})${note(d)}: each version accepts values the other rejects`),

  // --- strings ---------------------------------------------------------------------------------
  MIN_LENGTH_INCREASED: spec('string', true, false, '`minLength` increased or added', (d) =>
    `minLength raised from ${fmt(d.old)} to ${fmt(d.new)}: old events with shorter strings are rejected by the new schema`),
  MIN_LENGTH_DECREASED: spec('string', false, true, '`minLength` decreased or removed', (d) =>
    `minLength lowered from ${fmt(d.old)} to ${fmt(d.new)}: new events may carry strings shorter than old readers accept`),
  MAX_LENGTH_DECREASED: spec('string', true, false, '`maxLength` decreased or added', (d) =>
    `maxLength lowered from ${fmt(d.old)} to ${fmt(d.new)}: old events with longer strings are rejected by the new schema`),
  MAX_LENGTH_INCREASED: spec('string', false, true, '`maxLength` increased or removed', (d) =>
    `maxLength raised from ${fmt(d.old)} to ${fmt(d.new)}: new events may carry strings longer than old readers accept`),
  PATTERN_ADDED: spec('string', true, false, '`pattern` added', (d) =>
    `pattern ${fmt(d.new)} added: old events may carry strings that do not match it`),
  PATTERN_REMOVED: spec('string', false, true, '`pattern` removed', (d) =>
    `pattern ${fmt(d.old)} removed: new events may carry strings that old readers reject`),
  PATTERN_CHANGED: spec('undecidable', true, true, '`pattern` changed', (d) =>
    `pattern changed from ${fmt(d.old)} to ${fmt(d.new)}: whether one regular expression accepts every string of the other cannot be decided here, so the change is treated as breaking; keep the old pattern (add the new constraint elsewhere) or register under NONE`),
  FORMAT_ADDED: spec('string', true, false, '`format` added', (d) => `format ${fmt(d.new)} added: old events may carry values that are not ${fmt(d.new)}`),
  FORMAT_REMOVED: spec('string', false, true, '`format` removed', (d) => `format ${fmt(d.old)} removed: new events may carry values old readers reject as not ${fmt(d.old)}`),
  FORMAT_CHANGED: spec('string', true, true, '`format` changed', (d) => `format changed from ${fmt(d.old)} to ${fmt(d.new)}: values of one format are not all values of the other`),

  // --- numbers ---------------------------------------------------------------------------------
  MINIMUM_INCREASED: spec('number', true, false, 'lower bound raised or added', (d) =>
    `lower bound raised from ${fmt(d.old)} to ${fmt(d.new)}: old events with smaller numbers are rejected by the new schema`),
  MINIMUM_DECREASED: spec('number', false, true, 'lower bound lowered or removed', (d) =>
    `lower bound lowered from ${fmt(d.old)} to ${fmt(d.new)}: new events may carry numbers below what old readers accept`),
  MAXIMUM_DECREASED: spec('number', true, false, 'upper bound lowered or added', (d) =>
    `upper bound lowered from ${fmt(d.old)} to ${fmt(d.new)}: old events with larger numbers are rejected by the new schema`),
  MAXIMUM_INCREASED: spec('number', false, true, 'upper bound raised or removed', (d) =>
    `upper bound raised from ${fmt(d.old)} to ${fmt(d.new)}: new events may carry numbers above what old readers accept`),
  MULTIPLE_OF_ADDED: spec('number', true, false, '`multipleOf` added', (d) => `multipleOf ${fmt(d.new)} added: old events may carry numbers that are not multiples of it`),
  MULTIPLE_OF_REMOVED: spec('number', false, true, '`multipleOf` removed', (d) => `multipleOf ${fmt(d.old)} removed: new events may carry numbers old readers reject`),
  MULTIPLE_OF_CHANGED: spec('number', true, true, '`multipleOf` changed', (d) =>
    `multipleOf changed from ${fmt(d.old)} to ${fmt(d.new)}: ${dirText(d, 'old multiples are not all multiples of the new divisor', 'new multiples are not all multiples of the old divisor')}${note(d)}`),

  // --- objects ---------------------------------------------------------------------------------
  REQUIRED_PROPERTY_ADDED: spec('object', true, false, 'a property became required', (d) =>
    `property ${name(d)} is now required: old events without ${name(d)} are rejected by the new schema; make it optional`),
  REQUIRED_PROPERTY_REMOVED: spec('object', false, true, 'a property is no longer required', (d) =>
    `property ${name(d)} is no longer required: new events without ${name(d)} are rejected by readers of the old schema`),
  PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL: spec('object', true, false, 'property added to an open object', (d) =>
    `property ${name(d)} added to an open object: old events may already carry ${name(d)} with any value; close the object in the earlier version, give ${name(d)} a schema that accepts anything, or use LENIENT`),
  PROPERTY_ADDED_TO_PARTIALLY_OPEN_CONTENT_MODEL: spec('object', true, true, 'property added to a partially open object', (d) =>
    dirText(
      d,
      `property ${name(d)} added to a partially open object: old events may carry ${name(d)} as an additional property (allowed by the old additionalProperties/patternProperties), with values the new schema for ${name(d)} rejects; make ${name(d)} accept those values`,
      `property ${name(d)} added: new events may carry ${name(d)} with values the old additionalProperties/patternProperties schema rejects`,
    )),
  PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL: spec('object', false, true, 'property added to a closed object', (d) =>
    `property ${name(d)} added to a closed object: new events carrying ${name(d)} are rejected by readers of the old schema (additional properties are not allowed there)`),
  PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL: spec('object', false, true, 'property removed from an open object', (d) =>
    `property ${name(d)} removed from an open object: new events may carry ${name(d)} with any value, which readers of the old schema check against its old definition; keep ${name(d)} declared or close the new object`),
  PROPERTY_REMOVED_FROM_PARTIALLY_OPEN_CONTENT_MODEL: spec('object', true, true, 'property removed from a partially open object', (d) =>
    dirText(
      d,
      `property ${name(d)} removed: old events carrying ${name(d)} are now checked against the new additionalProperties/patternProperties schema, which rejects some of its old values`,
      `property ${name(d)} removed: new events may carry ${name(d)} as an additional property with values the old definition of ${name(d)} rejects`,
    )),
  PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL: spec('object', true, false, 'property removed from a closed object', (d) =>
    `property ${name(d)} removed from a closed object: old events carrying ${name(d)} are rejected by the new schema; keep ${name(d)} declared (it may be deprecated)`),
  ADDITIONAL_PROPERTIES_NARROWED: spec('object', true, false, 'fewer additional properties allowed', (d) =>
    `additional properties narrowed${note(d)}: old events may carry undeclared properties the new schema rejects; keep additionalProperties as permissive as before${d.direction === 'backward' ? ' or use LENIENT' : ''}`),
  ADDITIONAL_PROPERTIES_EXTENDED: spec('object', false, true, 'more additional properties allowed', (d) =>
    `additional properties extended${note(d)}: new events may carry undeclared properties that readers of the old schema reject`),
  ADDITIONAL_PROPERTIES_CHANGED: spec('object', true, true, 'additional properties changed', (d) =>
    `additional properties changed${note(d)}: each version accepts undeclared properties the other rejects`),
  MIN_PROPERTIES_INCREASED: spec('object', true, false, '`minProperties` increased', (d) => `minProperties raised from ${fmt(d.old)} to ${fmt(d.new)}: old events with fewer properties are rejected`),
  MIN_PROPERTIES_DECREASED: spec('object', false, true, '`minProperties` decreased', (d) => `minProperties lowered from ${fmt(d.old)} to ${fmt(d.new)}: new events may have fewer properties than old readers require`),
  MAX_PROPERTIES_DECREASED: spec('object', true, false, '`maxProperties` decreased', (d) => `maxProperties lowered from ${fmt(d.old)} to ${fmt(d.new)}: old events with more properties are rejected`),
  MAX_PROPERTIES_INCREASED: spec('object', false, true, '`maxProperties` increased', (d) => `maxProperties raised from ${fmt(d.old)} to ${fmt(d.new)}: new events may have more properties than old readers allow`),
  PROPERTY_NAMES_NARROWED: spec('object', true, false, '`propertyNames` narrowed', (d) => `propertyNames narrowed${note(d)}: old events may use property names the new schema rejects`),
  PROPERTY_NAMES_EXTENDED: spec('object', false, true, '`propertyNames` extended', (d) => `propertyNames extended${note(d)}: new events may use property names old readers reject`),
  PROPERTY_NAMES_CHANGED: spec('object', true, true, '`propertyNames` changed', (d) => `propertyNames changed${note(d)}`),
  DEPENDENT_REQUIRED_ADDED: spec('object', true, false, 'dependent requirement added', (d) =>
    `when ${name(d)} is present, ${fmt(d.new)} must now be present too: old events with ${name(d)} but without them are rejected`),
  DEPENDENT_REQUIRED_REMOVED: spec('object', false, true, 'dependent requirement removed', (d) =>
    `when ${name(d)} is present, ${fmt(d.old)} need no longer be present: new events may omit them, which old readers reject`),
  DEPENDENT_SCHEMA_ADDED: spec('object', true, false, 'dependent schema added or narrowed', (d) =>
    `the schema applied when ${name(d)} is present was added or narrowed${note(d)}: old events with ${name(d)} may not satisfy it`),
  DEPENDENT_SCHEMA_REMOVED: spec('object', false, true, 'dependent schema removed or extended', (d) =>
    `the schema applied when ${name(d)} is present was removed or extended${note(d)}: new events with ${name(d)} may not satisfy the old one`),
  DEPENDENT_SCHEMA_CHANGED: spec('object', true, true, 'dependent schema changed', (d) => `the schema applied when ${name(d)} is present changed${note(d)}`),

  // --- arrays ----------------------------------------------------------------------------------
  ITEM_ADDED_TO_OPEN_CONTENT_MODEL: spec('array', true, false, 'tuple item added to an open array', (d) =>
    `tuple item ${d.key} added to an open array: old events may already have an item at that position with any value; close the tuple in the earlier version or give the item a schema that accepts anything`),
  ITEM_ADDED_TO_PARTIALLY_OPEN_CONTENT_MODEL: spec('array', true, true, 'tuple item added to a partially open array', (d) =>
    dirText(
      d,
      `tuple item ${d.key} added: old events may have an item there allowed by the old additional-items schema, which the new item schema rejects`,
      `tuple item ${d.key} added: new events may have an item there that the old additional-items schema rejects`,
    )),
  ITEM_ADDED_TO_CLOSED_CONTENT_MODEL: spec('array', false, true, 'tuple item added to a closed array', (d) =>
    `tuple item ${d.key} added to a closed array: new events with that item are too long for readers of the old schema`),
  ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL: spec('array', false, true, 'tuple item removed from an open array', (d) =>
    `tuple item ${d.key} removed from an open array: new events may have any value there, which old readers check against the old item schema`),
  ITEM_REMOVED_FROM_PARTIALLY_OPEN_CONTENT_MODEL: spec('array', true, true, 'tuple item removed from a partially open array', (d) =>
    dirText(
      d,
      `tuple item ${d.key} removed: old events' item there is now checked against the new additional-items schema, which rejects some old values`,
      `tuple item ${d.key} removed: new events may have an item there that the old item schema rejects`,
    )),
  ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL: spec('array', true, false, 'tuple item removed from a closed array', (d) =>
    `tuple item ${d.key} removed from a closed array: old events with that item are too long for the new schema`),
  ITEMS_NARROWED: spec('array', true, false, 'array items narrowed', (d) => `array items narrowed${note(d)}: old events may contain items the new schema rejects`),
  ITEMS_EXTENDED: spec('array', false, true, 'array items extended', (d) => `array items extended${note(d)}: new events may contain items old readers reject`),
  ITEMS_CHANGED: spec('array', true, true, 'array items changed', (d) => `array items changed${note(d)}`),
  MIN_ITEMS_INCREASED: spec('array', true, false, '`minItems` increased', (d) => `minItems raised from ${fmt(d.old)} to ${fmt(d.new)}: old events with shorter arrays are rejected`),
  MIN_ITEMS_DECREASED: spec('array', false, true, '`minItems` decreased', (d) => `minItems lowered from ${fmt(d.old)} to ${fmt(d.new)}: new events may have shorter arrays than old readers accept`),
  MAX_ITEMS_DECREASED: spec('array', true, false, '`maxItems` decreased', (d) => `maxItems lowered from ${fmt(d.old)} to ${fmt(d.new)}: old events with longer arrays are rejected`),
  MAX_ITEMS_INCREASED: spec('array', false, true, '`maxItems` increased', (d) => `maxItems raised from ${fmt(d.old)} to ${fmt(d.new)}: new events may have longer arrays than old readers accept`),
  UNIQUE_ITEMS_ADDED: spec('array', true, false, '`uniqueItems` added', () => 'uniqueItems added: old events may contain duplicate items'),
  UNIQUE_ITEMS_REMOVED: spec('array', false, true, '`uniqueItems` removed', () => 'uniqueItems removed: new events may contain duplicate items, which old readers reject'),
  CONTAINS_NARROWED: spec('array', true, false, '`contains` added or narrowed', (d) => `contains constraint added or narrowed${note(d)}: old events may not satisfy it`),
  CONTAINS_EXTENDED: spec('array', false, true, '`contains` removed or extended', (d) => `contains constraint removed or extended${note(d)}: new events may not satisfy the old one`),
  CONTAINS_CHANGED: spec('array', true, true, '`contains` changed', (d) => `contains constraint changed${note(d)}`),

  // --- combinators -----------------------------------------------------------------------------
  ALTERNATIVES_NARROWED: spec('combinator', true, false, 'anyOf/oneOf accepts less', (d) =>
    `${d.key ?? 'anyOf/oneOf'} narrowed${note(d)}: some old events match none of the new alternatives; keep an alternative that accepts them`),
  ALTERNATIVES_EXTENDED: spec('combinator', false, true, 'anyOf/oneOf accepts more', (d) =>
    `${d.key ?? 'anyOf/oneOf'} extended${note(d)}: some new events match none of the old alternatives`),
  ALTERNATIVES_CHANGED: spec('combinator', true, true, 'anyOf/oneOf changed', (d) => `${d.key ?? 'anyOf/oneOf'} changed${note(d)}: each version accepts values the other rejects`),
  NEGATION_NARROWED: spec('combinator', true, false, '`not` excludes more', (d) => `\`not\` now excludes values old events may carry${note(d)}`),
  NEGATION_EXTENDED: spec('combinator', false, true, '`not` excludes less', (d) => `\`not\` excludes less than before${note(d)}: new events may carry values old readers exclude`),
  NEGATION_CHANGED: spec('combinator', true, true, '`not` changed', (d) => `\`not\` changed${note(d)}`),
  CONDITIONAL_NARROWED: spec('combinator', true, false, 'if/then/else narrowed', (d) => `if/then/else narrowed${note(d)}: old events may fail the new conditional`),
  CONDITIONAL_EXTENDED: spec('combinator', false, true, 'if/then/else extended', (d) => `if/then/else extended${note(d)}: new events may fail the old conditional`),
  CONDITIONAL_CHANGED: spec('combinator', true, true, 'if/then/else changed', (d) => `if/then/else changed${note(d)}`),
  SCHEMA_NARROWED: spec('combinator', true, false, 'a schema now rejects values it accepted', (d) => `schema narrowed${note(d)}: old events may be rejected by the new schema`),
  SCHEMA_EXTENDED: spec('combinator', false, true, 'a schema now accepts values it rejected', (d) => `schema extended${note(d)}: new events may be rejected by readers of the old schema`),
  SCHEMA_CHANGED: spec('combinator', true, true, 'a schema changed', (d) => `schema changed${note(d)}`),

  // --- undecidable: always answered as breaking, with the reason ------------------------------
  UNDECIDABLE_ONE_OF: spec('undecidable', true, true, 'oneOf exclusivity cannot be proved', (d) =>
    `${dirText(d, 'old', 'new')} values match an alternative of the reader's oneOf, but it cannot be proved that they match no other alternative${note(d)}; make the alternatives visibly disjoint (e.g. a \`const\` discriminator property) or use anyOf`),
  UNDECIDABLE_NOT: spec('undecidable', true, true, '`not` cannot be decided', (d) =>
    `it cannot be proved that ${dirText(d, 'old', 'new')} values avoid the reader's \`not\` schema${note(d)}; treated as breaking`),
  UNDECIDABLE_PATTERN_PROPERTIES: spec('undecidable', true, true, 'patternProperties cannot be compared', (d) =>
    `property-name patterns cannot be compared${note(d)}; treated as breaking — keep the same patterns in both versions`),
  UNDECIDABLE_VALUE: spec('undecidable', true, true, 'a value could not be checked', (d) => `a value could not be checked against the reader's schema${note(d)}; treated as breaking`),
  UNDECIDABLE_KEYWORD: spec('undecidable', true, true, 'keyword not analysed', (d) => `keyword ${name(d)} changed and is not analysed${note(d)}; treated as breaking`),
  UNRESOLVED_REFERENCE: spec('reference', true, true, '`$ref` cannot be resolved', (d) =>
    `${d.note ?? 'a $ref cannot be resolved'}; supply the referenced schema as a reference (remote URLs are never fetched)`),
  UNDECIDABLE_RECURSION: spec('undecidable', true, true, 'recursion without progress', (d) => `${d.note ?? 'a reference cycle that never reaches a property or item'}; treated as breaking`),
  UNDECIDABLE_LIMIT: spec('undecidable', true, true, 'analysis limit reached', (d) => `the comparison exceeded the engine's size/depth limits${note(d)}; treated as breaking`),
} as const satisfies Record<string, ChangeKindSpec>;

export type ChangeKind = keyof typeof changeKinds;

/** Kinds found separately in both directions at the same path merge into one `_CHANGED` kind. */
export const mergedKinds: Partial<Record<ChangeKind, { other: ChangeKind; merged: ChangeKind }>> = {
  TYPE_NARROWED: { other: 'TYPE_EXTENDED', merged: 'TYPE_CHANGED' },
  ENUM_NARROWED: { other: 'ENUM_EXTENDED', merged: 'ENUM_CHANGED' },
  FORMAT_ADDED: { other: 'FORMAT_REMOVED', merged: 'FORMAT_CHANGED' },
  ADDITIONAL_PROPERTIES_NARROWED: { other: 'ADDITIONAL_PROPERTIES_EXTENDED', merged: 'ADDITIONAL_PROPERTIES_CHANGED' },
  PROPERTY_NAMES_NARROWED: { other: 'PROPERTY_NAMES_EXTENDED', merged: 'PROPERTY_NAMES_CHANGED' },
  DEPENDENT_SCHEMA_ADDED: { other: 'DEPENDENT_SCHEMA_REMOVED', merged: 'DEPENDENT_SCHEMA_CHANGED' },
  ITEMS_NARROWED: { other: 'ITEMS_EXTENDED', merged: 'ITEMS_CHANGED' },
  CONTAINS_NARROWED: { other: 'CONTAINS_EXTENDED', merged: 'CONTAINS_CHANGED' },
  ALTERNATIVES_NARROWED: { other: 'ALTERNATIVES_EXTENDED', merged: 'ALTERNATIVES_CHANGED' },
  NEGATION_NARROWED: { other: 'NEGATION_EXTENDED', merged: 'NEGATION_CHANGED' },
  CONDITIONAL_NARROWED: { other: 'CONDITIONAL_EXTENDED', merged: 'CONDITIONAL_CHANGED' },
  SCHEMA_NARROWED: { other: 'SCHEMA_EXTENDED', merged: 'SCHEMA_CHANGED' },
};

export function describeChange(kind: ChangeKind, detail: ChangeDetail): string {
  return changeKinds[kind].describe(detail);
}
