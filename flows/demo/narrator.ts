/** Prints the story: numbered chapters and indented lines, plain text so it reads well in CI logs too. */
export class Narrator {
  private chapterNumber = 0;

  constructor(private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {}

  chapter(title: string): void {
    this.chapterNumber += 1;
    this.write('');
    this.write(`${this.chapterNumber}. ${title}`);
    this.write('─'.repeat(Math.min(80, title.length + 4)));
  }

  say(text: string): void {
    this.write(`   ${text}`);
  }

  detail(text: string): void {
    this.write(`     ${text}`);
  }
}

export const money = (amount: number, currency = 'USD'): string => `${currency} ${amount.toFixed(2)}`;
