/** The [start, end) of the fixed-size window an event time falls in, aligned to the Unix epoch. */
export function windowOf(eventTime: number, sizeMs: number): { start: number; end: number } {
  const start = Math.floor(eventTime / sizeMs) * sizeMs;
  return { start, end: start + sizeMs };
}
