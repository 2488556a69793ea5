import { describe, expect, it } from 'vitest';
import { ContractError, generate } from '../../codegen/index.js';

describe('generate with references outside the schema', () => {
  it('refuses a $ref to another document, naming the schema file, and fetches nothing', async () => {
    const folder = {
      subjects: [
        {
          subject: 'order.OrderShipped',
          settings: {},
          versions: [
            {
              semver: '1.0.0',
              schemaFile: 'order.OrderShipped/1.0.0.schema.json',
              schema: { type: 'object', properties: { address: { $ref: 'https://example.com/address.json' } } },
            },
          ],
        },
      ],
    };
    const error = await generate(folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).message).toBe(
      "order.OrderShipped/1.0.0.schema.json: $ref 'https://example.com/address.json' points outside the schema; codegen resolves only local references and other versions of the folder (<subject>/<semver>)",
    );
  });
});
