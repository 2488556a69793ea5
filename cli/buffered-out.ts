import { out } from './output.js';

/**
 * Collects stdout lines and writes them in chunks: one write per line costs a system call each and
 * caps `charter upcast` at a few thousand lines a second on a pipe.
 */
export class BufferedOut {
  private chunk: string[] = [];

  line(text: string): void {
    this.chunk.push(text);
    if (this.chunk.length >= 512) this.flush();
  }

  flush(): void {
    if (this.chunk.length === 0) return;
    out(`${this.chunk.join('\n')}\n`);
    this.chunk = [];
  }
}
