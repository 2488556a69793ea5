import type { JsonSchema } from '../core/schema/types.js';
import { ContractError } from './contracts/contract-error.js';

/**
 * Refuses a `$ref` that leaves the document. Codegen never fetches anything: a URL or a file
 * reference would either be resolved from the network by the type generator or fail deep inside
 * ajv, so it is caught here with the schema file named.
 */
export function assertLocalRefs(schema: JsonSchema, file: string): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === '$ref' || key === '$dynamicRef') && typeof value === 'string' && !value.startsWith('#')) {
        throw new ContractError(file, `${key} '${value}' points outside the schema; codegen resolves only local references`);
      }
      visit(value);
    }
  };
  visit(schema);
}
