/**
 * The line of a schema file a JSON pointer (`/properties/customer/properties/email`) points at, found
 * by walking the pointer's segments as `"segment":` keys through the text, each after the previous.
 * When the last segment is gone (a removed property) it stops at the deepest one still there, which
 * is where the reader would look. Undefined when not even the first segment is found.
 */
export function lineOfPointer(text: string, pointer: string): number | undefined {
  const segments = pointer.replace(/^#/, '').split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let offset = -1;
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) continue; // array indices have no key to search for
    const key = new RegExp(`${escapeRegExp(JSON.stringify(segment))}\\s*:`, 'g');
    key.lastIndex = Math.max(offset, 0);
    const match = key.exec(text);
    if (!match) break;
    offset = match.index;
  }
  return offset < 0 ? undefined : text.slice(0, offset).split('\n').length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
