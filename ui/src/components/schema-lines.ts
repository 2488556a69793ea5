/** One printed line of a JSON document, with the JSON pointer of the value it belongs to. */
export interface SchemaLine {
  pointer: string;
  depth: number;
  text: string;
}

const escape = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');
const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null;

/**
 * Prints a JSON value two spaces per level, one member per line, and remembers each line's
 * pointer, so the engine's change paths (`/properties/totalAmount`) can be found among the lines.
 * Empty containers and scalars stay on their key's line.
 */
export function schemaLines(value: unknown): SchemaLine[] {
  const out: SchemaLine[] = [];
  const visit = (node: unknown, pointer: string, depth: number, prefix: string, comma: string) => {
    const entries = isContainer(node) ? (Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node)) : [];
    if (!isContainer(node) || entries.length === 0) {
      out.push({ pointer, depth, text: `${prefix}${JSON.stringify(node)}${comma}` });
      return;
    }
    const [open, close] = Array.isArray(node) ? ['[', ']'] : ['{', '}'];
    out.push({ pointer, depth, text: `${prefix}${open}` });
    entries.forEach(([key, child], i) => {
      const childPrefix = Array.isArray(node) ? '' : `${JSON.stringify(key)}: `;
      visit(child, `${pointer}/${escape(key)}`, depth + 1, childPrefix, i < entries.length - 1 ? ',' : '');
    });
    out.push({ pointer, depth, text: `${close}${comma}` });
  };
  visit(value, '', 0, '', '');
  return out;
}

export type Severity = 'breaking' | 'change' | 'annotation';
const rank: Record<Severity, number> = { annotation: 1, change: 2, breaking: 3 };

/**
 * The most severe change covering each pointer, as a lookup: a change at `/properties/a` covers
 * the member `a` and everything inside it; a change at the root covers only the root's own lines.
 * Each line walks up its own pointer (a few steps), so a wide schema costs lines × depth, not
 * lines × changes.
 */
export function severityLookup(changes: ReadonlyArray<{ path: string; severity: Severity }>): (pointer: string) => Severity | undefined {
  const at = new Map<string, Severity>();
  for (const { path, severity } of changes) {
    const known = at.get(path);
    if (known === undefined || rank[severity] > rank[known]) at.set(path, severity);
  }
  return (pointer) => {
    let found = at.get(pointer);
    for (let end = pointer.lastIndexOf('/'); end > 0; end = pointer.lastIndexOf('/', end - 1)) {
      const covering = at.get(pointer.slice(0, end));
      if (covering !== undefined && (found === undefined || rank[covering] > rank[found])) found = covering;
    }
    return found;
  };
}
