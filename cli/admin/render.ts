import { out } from '../output.js';

/** Prints rows as aligned columns under a header; `--json` callers print the data instead. */
export function printTable(header: string[], rows: Array<Array<string | number | undefined>>): void {
  const cells = [header, ...rows.map((row) => row.map((cell) => (cell === undefined ? '' : String(cell))))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  for (const row of cells) out(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
}

/** `--json` output: one document, two-space indented, as `charter export` writes. */
export function printJson(value: unknown): void {
  out(JSON.stringify(value, null, 2));
}
