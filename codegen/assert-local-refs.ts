import type { JsonSchema } from '../core/schema/types.js';
import { ContractError } from './contracts/contract-error.js';
import { parseContractRef } from './contracts/contract-ref.js';

/**
 * Refuses a `$ref` that leaves the document for anything but another version of the folder
 * (`<subject>/<semver>[#fragment]`, which codegen links to that version's generated type). Codegen
 * never fetches anything: a URL or a file reference would either be resolved from the network by
 * the type generator or fail deep inside ajv, so it is caught here with the schema file named.
 */
export function assertLocalRefs(schema: JsonSchema, file: string): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === '$ref' || key === '$dynamicRef') && typeof value === 'string' && !value.startsWith('#') && !(key === '$ref' && parseContractRef(value))) {
        throw new ContractError(file, `${key} '${value}' points outside the schema; codegen resolves only local references and other versions of the folder (<subject>/<semver>)`);
      }
      visit(value);
    }
  };
  visit(schema);
}
