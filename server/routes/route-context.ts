import type { FastifyRequest } from 'fastify';
import type { Actor, RegistryContext } from '../registry/context.js';

/** Options every route plugin receives. */
export interface RouteOptions {
  ctx: RegistryContext;
  /** The package version, answered by `/v1/metadata/version`. */
  version?: string;
  onRegistered?: (result: { created: boolean }) => void;
}

/** The principal of a request; authentication (when on) sets `request.principal`. */
export function actorOf(request: FastifyRequest): Actor {
  return { principal: (request as FastifyRequest & { principal?: string }).principal ?? 'anonymous' };
}

export type SubjectParams = { subject: string };
export type VersionParams = { subject: string; version: string };
