/**
 * `export { a, b } from './x.js';`, wrapped one name per line when it would pass 120 columns, the
 * way a formatter would print it.
 */
export function exportList(keyword: 'export' | 'export type', names: readonly string[], from: string): string {
  const oneLine = `${keyword} { ${names.join(', ')} } from '${from}';`;
  if (oneLine.length <= 120) return oneLine;
  return `${keyword} {\n${names.map((n) => `  ${n},`).join('\n')}\n} from '${from}';`;
}
