import semver from 'semver';
import { RegistryError } from '../../core/errors/index.js';
import { appendAudit } from '../storage/audit-rows.js';
import { deleteConsumer, listConsumers, readConsumer, writeConsumer, type ConsumerDeclaration } from '../storage/consumer-rows.js';
import type { Actor, RegistryContext } from './context.js';
import { versionsOrNotFound } from './lookup.js';
import { assertValidSubject } from '../../core/policy/index.js';

const GROUP_NAME = /^[\p{L}\p{N}._:@-]{1,200}$/u;

function assertGroup(group: string): void {
  if (!GROUP_NAME.test(group)) {
    throw new RegistryError('BAD_REQUEST', 'A consumer group name is 1–200 letters, digits or . _ : @ -');
  }
}

/** `PUT /consumers/{group}` `{ "order.OrderPlaced": "^2.0.0" }`: what a consumer group reads. */
export async function declareConsumer(ctx: RegistryContext, actor: Actor, group: string, body: unknown) {
  assertGroup(group);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new RegistryError('BAD_REQUEST', 'The body maps subjects to semver ranges, e.g. {"order.OrderPlaced": "^2.0.0"}');
  }
  const declaration: ConsumerDeclaration = {};
  for (const [subject, range] of Object.entries(body)) {
    assertValidSubject(subject);
    if (typeof range !== 'string' || semver.validRange(range) === null) {
      throw new RegistryError('INVALID_SEMVER', `The range for '${subject}' must be a semver range such as ^2.0.0, not ${JSON.stringify(range)}`);
    }
    declaration[subject] = range;
  }
  await ctx.db.transaction(async (tx) => {
    await writeConsumer(tx, group, declaration);
    await appendAudit(tx, { principal: actor.principal, action: 'consumer.declare', detail: { group, subjects: declaration } });
  });
  return { group, subjects: declaration };
}

export async function getConsumer(ctx: RegistryContext, group: string) {
  assertGroup(group);
  const subjects = await readConsumer(ctx.db, group);
  if (!subjects) throw new RegistryError('CONSUMER_NOT_FOUND', `Consumer group '${group}' has declared nothing`);
  return { group, subjects };
}

export async function removeConsumer(ctx: RegistryContext, actor: Actor, group: string) {
  assertGroup(group);
  const removed = await ctx.db.transaction(async (tx) => {
    const existed = await deleteConsumer(tx, group);
    if (existed) await appendAudit(tx, { principal: actor.principal, action: 'consumer.delete', detail: { group } });
    return existed;
  });
  if (!removed) throw new RegistryError('CONSUMER_NOT_FOUND', `Consumer group '${group}' has declared nothing`);
  return { group };
}

export const allConsumers = (ctx: RegistryContext) => listConsumers(ctx.db);

/**
 * `GET /subjects/{s}/readers`: every group that reads the subject, its range, and the highest
 * registered version the range accepts (none: the group is left without a readable version).
 */
export async function subjectReaders(ctx: RegistryContext, subject: string) {
  const versions = await versionsOrNotFound(ctx.db, subject);
  const semvers = versions.map((v) => v.semver);
  return (await listConsumers(ctx.db))
    .filter(({ subjects }) => Object.hasOwn(subjects, subject)) // not `in`: '/subjects/constructor/readers' must not match every group
    .map(({ group, subjects }) => {
      const range = subjects[subject]!;
      const highest = semver.maxSatisfying(semvers, range);
      return { group, range, ...(highest ? { version: highest } : {}) };
    });
}
