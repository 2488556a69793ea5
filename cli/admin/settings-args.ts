import { UsageError } from '../usage-error.js';

/**
 * Splits `[SUBJECT] key=value …` into the subject (the one word without `=`) and the settings.
 * Values are read as JSON when they parse (`false`, `3`, `{"a":1}`), else as plain strings, so
 * `requireMigration=false` sends a boolean and `compatibility=FULL` a string.
 */
export function subjectAndSettings(words: string[], help: string): { subject?: string; settings: Record<string, unknown> } {
  const settings: Record<string, unknown> = {};
  let subject: string | undefined;
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq < 0) {
      if (subject !== undefined) throw new UsageError(`one subject at most ('${subject}' and '${word}' given)\n\n${help}`);
      subject = word;
      continue;
    }
    const key = word.slice(0, eq);
    if (key === '') throw new UsageError(`'${word}' has no setting name before '='\n\n${help}`);
    settings[key] = parseValue(word.slice(eq + 1));
  }
  return { ...(subject === undefined ? {} : { subject }), settings };
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `/config` or `/config/{subject}` (likewise `/mode`). */
export const settingsPath = (root: string, subject: string | undefined) => (subject === undefined ? root : `${root}/${encodeURIComponent(subject)}`);
