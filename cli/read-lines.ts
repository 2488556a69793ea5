import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { UsageError } from './usage-error.js';

/** One non-blank line of an NDJSON input, numbered from 1 as an editor shows it. */
export interface InputLine {
  line: number;
  text: string;
}

/** Reads NDJSON from `--input file` or, without it, from stdin; blank lines are skipped but counted. */
export async function* readLines(file: string | undefined): AsyncGenerator<InputLine> {
  if (file !== undefined) await access(file).catch(() => Promise.reject(new UsageError(`${file}: cannot read the input file`)));
  const input = file === undefined ? process.stdin : createReadStream(file, 'utf8');
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (text.trim() !== '') yield { line, text };
  }
}

/** Parses one line; a syntax error names the line so the user can find it. */
export function parseLine({ line, text }: InputLine): { ok: true; event: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, event: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `line ${line}: not JSON (${(error as Error).message})` };
  }
}
