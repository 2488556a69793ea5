/**
 * A progress line for long NDJSON runs (`validate`, `upcast`): shown only when stderr is a terminal,
 * redrawn at most four times a second, and cleared before anything else is written to stderr, so
 * piped output and CI logs stay exactly the events and the failures.
 */
export class LineProgress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private shown = false;

  constructor(
    private readonly verb: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  tick(lines: number): void {
    if (!this.stream.isTTY) return;
    const now = Date.now();
    if (now - this.lastDraw < 250) return;
    this.lastDraw = now;
    const perSecond = Math.round(lines / Math.max((now - this.started) / 1000, 0.001));
    this.stream.write(`\r${this.verb} ${lines.toLocaleString('en')} line(s), ${perSecond.toLocaleString('en')}/s`);
    this.shown = true;
  }

  /** Erases the line, so the next message starts at column 0. */
  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}
