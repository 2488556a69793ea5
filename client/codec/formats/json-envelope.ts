import type { Envelope } from '../envelope.js';
import { toBytes, type Format } from './wire-message.js';

/**
 * The whole envelope as JSON: the default, self-describing format.
 *
 * @example
 *   const { body } = jsonEnvelope.write(envelope, ctx); // bytes of {"eventType":…,"schema":…,"data":…}
 */
// Shared and frozen (copy before changing): transports copy headers, and this runs once per event.
const headers: Record<string, string> = Object.freeze({ 'content-type': 'application/json' }) as Record<string, string>;

export const jsonEnvelope: Format = {
  name: 'json',
  write(envelope: Envelope) {
    return { body: toBytes(JSON.stringify(envelope)), headers };
  },
};
