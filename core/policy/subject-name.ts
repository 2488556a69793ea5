import { RegistryError } from '../errors/index.js';

const MAX_SUBJECT_LENGTH = 255;
// Control characters (Unicode category Cc, C1 controls such as U+0085 included), format characters
// (Cf: bidirectional overrides, zero-width characters, U+FEFF) that make one name look like
// another in listings and logs, path separators and '%' (a decoded name holding '%' means double
// encoding) are refused: subjects become file names in `charter pull` and keys in URLs everywhere.
const forbidden = /[\p{Cc}\p{Cf}/\\%]/u;

/**
 * Why a subject name (after URL decoding) is refused, or undefined when it is fine. Unicode letters
 * are fine (`commandes.Passée`); Confluent's TopicNameStrategy names (`orders-value`) and dotted
 * event names are the norm. The registry refuses with this message and `charter check` reports it,
 * so a contracts folder named `Bad%Name` fails the gate exactly as it fails the push.
 */
export function subjectNameProblem(subject: string): string | undefined {
  if (subject.length === 0 || subject.trim() !== subject) {
    return `Subject name '${printable(subject)}' is empty or has leading or trailing spaces`;
  }
  if (subject.length > MAX_SUBJECT_LENGTH) return `Subject name is ${subject.length} characters long; the limit is ${MAX_SUBJECT_LENGTH}`;
  if (forbidden.test(subject) || subject === '.' || subject === '..') {
    return `Subject name '${printable(subject)}' contains a control or invisible formatting character, '/', '\\' or '%' (or is '.' / '..'), which subjects may not`;
  }
  if (!subject.isWellFormed()) return 'Subject name is not well-formed Unicode (lone surrogate)';
  return undefined;
}

/** Throws the registry's 42208 refusal for a subject name `subjectNameProblem` refuses. */
export function assertValidSubject(subject: string): void {
  const problem = subjectNameProblem(subject);
  if (problem !== undefined) throw new RegistryError('INVALID_SUBJECT', problem, { policyRule: 'subject-name' });
}

/** Shows control and format characters as escapes so an error message never carries them raw. */
export function printable(text: string): string {
  return JSON.stringify(text)
    .slice(1, -1)
    .replace(/[\p{Cc}\p{Cf}]/gu, (c) => {
      const point = c.codePointAt(0)!;
      return point > 0xffff ? `\\u{${point.toString(16)}}` : `\\u${point.toString(16).padStart(4, '0')}`;
    })
    .slice(0, 300);
}
