/**
 * A contracts folder that cannot be read. The message is one line that starts with the file, so
 * editors and CI logs can jump to it.
 *
 * @example
 * try { await loadContracts('schemas') } catch (e) { if (e instanceof ContractError) console.error(e.message) }
 * // schemas/order.OrderPlaced/1.0.0.schema.json:3:9: invalid JSON: unexpected '}'
 */
export class ContractError extends Error {
  /** The file (or folder) at fault, as a path under the folder that was loaded. */
  readonly file: string;

  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super(`${file}: ${problem}`, options);
    this.name = 'ContractError';
    this.file = file;
  }
}
