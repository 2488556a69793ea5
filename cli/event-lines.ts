import { BufferedOut } from './buffered-out.js';
import { LineProgress } from './line-progress.js';
import { err } from './output.js';
import { parseLine, readLines } from './read-lines.js';

/** What one event line came to: its output line (if any), or why it failed. */
export type LineOutcome = { ok: true; output?: string } | { ok: false; message: string };

/**
 * Runs `handle` over every NDJSON line of `--input` (or stdin): failures go to stderr with their
 * line number, outputs to stdout in order, and a progress line is kept on a terminal.
 */
export async function eachEventLine(
  input: string | undefined,
  verb: string,
  handle: (event: unknown) => Promise<LineOutcome> | LineOutcome,
): Promise<{ total: number; failed: number }> {
  const progress = new LineProgress(verb);
  const output = new BufferedOut();
  let total = 0;
  let failed = 0;
  for await (const line of readLines(input)) {
    total++;
    const parsed = parseLine(line);
    const outcome = parsed.ok ? await handle(parsed.event) : parsed;
    if (outcome.ok) {
      if (outcome.output !== undefined) output.line(outcome.output);
    } else {
      failed++;
      progress.clear();
      output.flush();
      err(outcome.message.startsWith('line ') ? outcome.message : `line ${line.line}: ${outcome.message}`);
    }
    progress.tick(total);
  }
  output.flush();
  progress.clear();
  return { total, failed };
}
