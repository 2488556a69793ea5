import { RegistryError } from '../../core/errors/index.js';
import type { RegistryContext } from './context.js';
import { versionBody, versionsOrNotFound } from './lookup.js';
import { parseRegisterRequest } from './register-request.js';
import { prepareRequestSchema } from './request-schema.js';
import { effectiveConfig } from './settings.js';
import { mergeContract, type Contract } from './data-contract.js';
import type { StoredVersion } from './model.js';
import { identityFingerprint } from './schema-identity.js';

/**
 * `POST /subjects/{s}`: is this schema registered under the subject, and as which version? As in
 * Confluent, the schema is matched on its whole identity: first as sent, then completed the way
 * registration would complete it (metadata and rules from the request, else the latest version's,
 * within config defaults and overrides). A request that sends neither metadata nor rules also
 * finds the newest version with the same text and references, whatever its contract.
 */
export async function lookupSchema(
  ctx: RegistryContext,
  subject: string,
  body: unknown,
  options: { normalize: boolean; includeDeleted: boolean },
) {
  const request = parseRegisterRequest(body);
  const versions = await versionsOrNotFound(ctx.db, subject, options.includeDeleted);
  const config = await effectiveConfig(ctx.db, subject);
  const { prepared } = await prepareRequestSchema(ctx, request, options.normalize || config.normalize);
  const latestLive = versions.findLast((version) => !version.deleted);
  const completed = mergeContract({ request, previous: latestLive, config, inheritMigrationRules: true });
  const sameText = (version: StoredVersion) => version.schema === prepared.text && sameReferences(version.references, prepared.references);
  // A version's own confluent:version is not held against a request that leaves it out (as Confluent).
  const withIdentity = (contract: Contract) =>
    versions.findLast(
      (version) =>
        sameText(version) &&
        identityFingerprint({ text: version.schema, ...version }) === identityFingerprint({ ...prepared, ...withVersionOf(contract, version) }),
    );
  const match =
    withIdentity(request) ??
    withIdentity(completed) ??
    (request.metadata === undefined && request.ruleSet === undefined ? versions.findLast(sameText) : undefined);
  if (!match) throw new RegistryError('SCHEMA_NOT_FOUND', 'Schema not found');
  return versionBody(match);
}

/** `GET /subjects/{s}/metadata?key=&value=`: the latest version whose metadata has these properties. */
export async function latestWithMetadata(ctx: RegistryContext, subject: string, properties: Record<string, string>) {
  const versions = await versionsOrNotFound(ctx.db, subject);
  const match = versions.findLast((version) =>
    Object.entries(properties).every(([key, value]) => version.metadata?.properties?.[key] === value),
  );
  if (!match) throw new RegistryError('VERSION_NOT_FOUND', `No version of '${subject}' has metadata ${JSON.stringify(properties)}`);
  return versionBody(match);
}

function sameReferences(a: readonly { name: string; subject: string; version: number }[], b: typeof a): boolean {
  const key = (refs: typeof a) => JSON.stringify([...refs].sort((x, y) => x.name.localeCompare(y.name)));
  return key(a) === key(b);
}

const CONFLUENT_VERSION = 'confluent:version';

/** The contract with the version's `confluent:version` filled in where the contract has none. */
function withVersionOf(contract: Contract, version: StoredVersion): Contract {
  const own = version.metadata?.properties?.[CONFLUENT_VERSION];
  if (own === undefined || contract.metadata?.properties?.[CONFLUENT_VERSION] !== undefined) return contract;
  const metadata = contract.metadata ?? {};
  return { ...contract, metadata: { ...metadata, properties: { ...metadata.properties, [CONFLUENT_VERSION]: own } } };
}
