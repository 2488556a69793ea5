import type { JsonSchemaObject } from '../../document/index.js';
import type { Flat, Role, SRef } from '../flat.js';

/**
 * Reads one keyword family of a schema object into the atom's fresh flat. Returns true when the
 * family constrains instances (the flat's `constrains`).
 */
export interface KeywordParser {
  /** What the family is; the name is the documentation. */
  readonly name: string;
  parse(f: Flat, s: JsonSchemaObject, r: SRef, role: Role): boolean;
}
