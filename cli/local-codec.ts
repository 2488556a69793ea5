import { EventCodec, type DecodeFailure, type Envelope, type SchemaRef } from '../client/index.js';
import type { CliRegistry } from './registry.js';

/**
 * The SDK's codec for the CLI's NDJSON commands: the contract and its migration rules are fetched
 * once, then every line is validated and migrated locally by the same code a consumer runs.
 */
export function localCodec(registry: CliRegistry): EventCodec {
  return new EventCodec({ registry: registry.client, source: 'charter-cli' });
}

/** Resolves a version (number, semver or `latest`) once, so every line is judged against the same one. */
export async function resolveRef(registry: CliRegistry, subject: string, version: string): Promise<SchemaRef> {
  const found = await registry.client.getVersion(subject, version);
  return { subject, version: found.semver, id: found.id };
}

/** Wraps one input line as an envelope of the given version, as `decode` reads it. */
export function asEnvelope(schema: SchemaRef, data: unknown): Envelope {
  return { eventId: 'cli-line', eventType: schema.subject, timestamp: '', schema, data, metadata };
}

const metadata = Object.freeze({ correlationId: '', causationId: '', source: 'charter-cli' });

/** Each failing property of a decode failure with its reason, `; `-separated; undefined when there are none. */
export function failingProperties(failure: DecodeFailure): string | undefined {
  const reasons = (failure.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/** A decode failure as one readable line: what went wrong and, when known, each failing property. */
export function describeFailure(failure: DecodeFailure): string {
  const properties = failingProperties(failure);
  return properties === undefined ? failure.message : `${failure.message}: ${properties}`;
}
