import { RegistryError } from '../../core/errors/index.js';

type Query = Record<string, unknown>;

/** A boolean query flag as Confluent clients send it (`?deleted=true`). */
export function flag(query: unknown, name: string): boolean {
  const value = (query as Query | undefined)?.[name];
  if (value === undefined || value === 'false' || value === '') return false;
  if (value === 'true') return true;
  throw new RegistryError('BAD_REQUEST', `Query parameter '${name}' must be true or false`);
}

/** An optional string query parameter (the last one wins when repeated). */
export function text(query: unknown, name: string): string | undefined {
  const value = (query as Query | undefined)?.[name];
  if (Array.isArray(value)) return String(value.at(-1));
  return value === undefined ? undefined : String(value);
}

/** An integer path or query parameter with bounds, refused with a clear message otherwise. */
export function integer(raw: unknown, name: string, options: { min?: number; max?: number; code?: 'BAD_REQUEST' | 'SCHEMA_NOT_FOUND' } = {}): number {
  const textValue = String(raw);
  const value = Number(textValue);
  const { min = 1, max = 2_147_483_647 } = options;
  if (!/^-?\d{1,10}$/.test(textValue) || value < min || value > max) {
    throw new RegistryError(options.code ?? 'BAD_REQUEST', `${name} must be an integer from ${min} to ${max}, not '${textValue.slice(0, 50)}'`);
  }
  return value;
}
