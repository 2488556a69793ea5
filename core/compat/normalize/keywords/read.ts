/** Keyword values the engine reads; anything else is ignored as ajv would reject it. */
/** A bound as ajv compares it: ±Infinity (a parsed 1e400) is a real bound, NaN cannot occur in JSON. */
export const bound = (v: unknown): number | undefined => (typeof v === 'number' && !Number.isNaN(v) ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const nonNegInt = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : undefined);
