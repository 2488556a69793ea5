/**
 * Where commands write. Going through process.stdout.write (rather than console.log) keeps output
 * byte-exact for pipes (`charter export > backup.json`) and lets tests capture it by stubbing one method.
 */
export const out = (text: string): void => {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
};

export const err = (text: string): void => {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
};
