import ts from 'typescript';

/**
 * Strict type-check of some files with the compiler API, the way a consumer's `tsc --noEmit` would
 * (NodeNext, strict, no skipLibCheck for the generated files). Returns one line per diagnostic.
 */
export function typecheck(rootFiles: string[]): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    noUnusedLocals: true,
    exactOptionalPropertyTypes: false,
    skipLibCheck: true,
    types: ['node'],
  };
  const program = ts.createProgram(rootFiles, options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName}:${line + 1}:${character + 1}: TS${d.code} ${message}`;
  });
}
