import ts from 'typescript';

/**
 * The compiler options of a strict consumer project: what a service using the generated code and
 * the SDK would set. `skipLibCheck` is off, so every declaration file in the program, the
 * SDK's own declarations included, is checked too; the generated validators' exports are typed.
 */
export const consumerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  noUnusedLocals: true,
  skipLibCheck: false,
  noEmit: true,
  types: ['node'],
};

/**
 * Type-checks some files with the compiler API, the way the consumer's `tsc --noEmit` would.
 * Returns one line per diagnostic: `file:line:column: TS<code> message`.
 */
export function typecheck(rootFiles: string[], options: ts.CompilerOptions = consumerOptions): string[] {
  const program = ts.createProgram(rootFiles, options);
  return ts.getPreEmitDiagnostics(program).map(formatDiagnostic);
}

export function formatDiagnostic(d: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (!d.file || d.start === undefined) return message;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${d.file.fileName}:${line + 1}:${character + 1}: TS${d.code} ${message}`;
}
