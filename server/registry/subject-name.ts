import { RegistryError } from '../../core/errors/index.js';
import { assertValidContext } from './context-name.js';

const MAX_SUBJECT_LENGTH = 255;
// Control characters, path separators and '%' (a decoded name holding '%' means double encoding)
// are refused: subjects become file names in `charter pull` and keys in URLs everywhere.
const forbidden = /[\u0000-\u001f\u007f/\\%]/u;

/**
 * Checks a subject name after URL decoding. Unicode letters are fine (`commandes.Passée`);
 * Confluent's TopicNameStrategy names (`orders-value`) and dotted event names are the norm.
 */
export function assertValidSubject(subject: string): void {
  if (subject.length === 0 || subject.trim() !== subject) {
    throw new RegistryError('INVALID_SUBJECT', `Subject name '${printable(subject)}' is empty or has leading or trailing spaces`);
  }
  if (subject.length > MAX_SUBJECT_LENGTH) {
    throw new RegistryError('INVALID_SUBJECT', `Subject name is ${subject.length} characters long; the limit is ${MAX_SUBJECT_LENGTH}`);
  }
  if (forbidden.test(subject) || subject === '.' || subject === '..') {
    throw new RegistryError(
      'INVALID_SUBJECT',
      `Subject name '${printable(subject)}' contains a control character, '/', '\\' or '%' (or is '.' / '..'), which subjects may not`,
    );
  }
  if (!subject.isWellFormed()) {
    throw new RegistryError('INVALID_SUBJECT', 'Subject name is not well-formed Unicode (lone surrogate)');
  }
  assertValidContext(subject);
}

/** Shows control characters as escapes so an error message never carries them raw. */
export function printable(text: string): string {
  return JSON.stringify(text).slice(1, -1).slice(0, 300);
}
