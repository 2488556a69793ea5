import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractError } from './contract-error.js';
import type { ContractFolder } from './types.js';
import { writeContracts } from './write-contracts.js';

const subject = 'example.UserSignedUp';
const draft = 'https://json-schema.org/draft/2020-12/schema';

const v1 = {
  $schema: draft,
  title: 'User signed up',
  type: 'object',
  required: ['userId', 'email'],
  properties: {
    userId: { type: 'string', minLength: 1 },
    email: { type: 'string', format: 'email' },
  },
  additionalProperties: false,
};

// 1.1.0 only adds an optional field, so events written at 1.0.0 stay valid: a minor, no rule needed.
const v1_1 = { ...v1, properties: { ...v1.properties, referrer: { type: 'string', description: 'Who invited the user' } } };

/** The example folder `charter init` writes: one subject, a minor change, example events. */
export const exampleContracts: ContractFolder = {
  subjects: [
    {
      subject,
      settings: { compatibility: 'BACKWARD', description: 'A user created an account', owner: 'identity-team' },
      versions: [
        {
          semver: '1.0.0',
          schema: v1,
          schemaFile: `${subject}/1.0.0.schema.json`,
          examples: { valid: [{ userId: 'u_1', email: 'ada@example.com' }], invalid: [{ userId: 'u_1' }, { userId: 'u_1', email: 'not-an-email' }] },
        },
        {
          semver: '1.1.0',
          schema: v1_1,
          schemaFile: `${subject}/1.1.0.schema.json`,
          examples: { valid: [{ userId: 'u_2', email: 'bo@example.com', referrer: 'u_1' }], invalid: [{ userId: 'u_2', email: 'bo@example.com', referrer: 7 }] },
        },
      ],
    },
  ],
};

/**
 * Writes a small example contracts folder into `dir`. Refuses to overwrite an existing example.
 *
 * @example
 * await initExample('schemas'); // schemas/example.UserSignedUp/1.0.0.schema.json, …
 */
export async function initExample(dir: string): Promise<void> {
  const target = join(dir, subject);
  const exists = await access(target).then(() => true, () => false);
  if (exists) throw new ContractError(target, 'already exists; not overwriting it');
  await writeContracts(dir, exampleContracts);
}
