import type { Envelope } from '../envelope.js';
import { utf8, type Format } from './wire-message.js';

/**
 * The whole envelope as JSON: the default, self-describing format.
 *
 * @example
 *   const { body } = jsonEnvelope.write(envelope, ctx); // bytes of {"eventType":…,"schema":…,"data":…}
 */
export const jsonEnvelope: Format = {
  name: 'json',
  write(envelope: Envelope) {
    return { body: utf8.encode(JSON.stringify(envelope)), headers: { 'content-type': 'application/json' } };
  },
};
