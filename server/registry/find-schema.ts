import { RegistryError } from '../../core/errors/index.js';
import type { RegistryContext } from './context.js';
import { versionBody, versionsOrNotFound } from './lookup.js';
import { parseRegisterRequest } from './register-request.js';
import { prepareRequestSchema } from './request-schema.js';
import { effectiveConfig } from './settings.js';

/** `POST /subjects/{s}`: is this exact schema registered under the subject, and as which version? */
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
  const match = versions.findLast((version) => version.schema === prepared.text && sameReferences(version.references, prepared.references));
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
