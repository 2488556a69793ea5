import type { CheckReport } from './finding.js';
import { formatGithub } from './format-github.js';
import { formatJson } from './format-json.js';
import { formatJunit } from './format-junit.js';
import { formatText } from './format-text.js';

/** `--format` values and what renders them. */
export const formats: Record<'text' | 'json' | 'github' | 'junit', (report: CheckReport) => string> = {
  text: formatText,
  json: formatJson,
  github: formatGithub,
  junit: formatJunit,
};

export type FormatName = keyof typeof formats;

export const isFormat = (name: string): name is FormatName => Object.hasOwn(formats, name);
