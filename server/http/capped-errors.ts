import type { FastifyInstance } from 'fastify';

/**
 * Bounds on what an error report may echo back. ajv's errors carry the schema's own values (an
 * `enum` error lists every allowed value: 550 KB for 15,000 of them), and one bad event can fail
 * every item of a long array. A report is for a person or a log line: the first entries say it all.
 */
export const errorReportLimits = {
  /** Entries kept of an `errors` list; the rest are counted in `errorsOmitted`. */
  errors: 100,
  /** Items kept of any array inside one error (`params.allowedValues`); the rest counted beside it. */
  arrayItems: 20,
  /** Characters kept of any string inside an error, and of a message. */
  text: 2_000,
  /** A refusal whose body is still larger than this (bytes of JSON) keeps only code and message. */
  bodyBytes: 64 * 1024,
} as const;

const clip = (text: string, limit: number) => (text.length > limit ? `${text.slice(0, limit)}… (${text.length - limit} more characters)` : text);

/** One error entry with its arrays and strings bounded (depth-limited: entries are shallow). */
function capEntry(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return clip(value, errorReportLimits.text);
  if (value === null || typeof value !== 'object' || depth > 6) return depth > 6 ? '…' : value;
  if (Array.isArray(value)) return value.slice(0, errorReportLimits.arrayItems).map((item) => capEntry(item, depth + 1));
  const capped: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    capped[key] = capEntry(child, depth + 1);
    if (Array.isArray(child) && child.length > errorReportLimits.arrayItems) capped[`${key}Omitted`] = child.length - errorReportLimits.arrayItems;
  }
  return capped;
}

/**
 * Returns `payload` with every `errors` list in it (at any depth: an upcast trace has one per hop)
 * cut to its first entries, each entry bounded. Other fields are left alone: a stored schema or an
 * event in the same answer is data the caller asked for, not an echo.
 */
export function capErrorReports(payload: unknown, depth = 0): unknown {
  if (payload === null || typeof payload !== 'object' || depth > 8) return payload;
  if (Array.isArray(payload)) return payload.map((item) => capErrorReports(item, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (key === 'errors' && Array.isArray(value)) {
      result.errors = value.slice(0, errorReportLimits.errors).map((entry) => capEntry(entry));
      if (value.length > errorReportLimits.errors) result.errorsOmitted = value.length - errorReportLimits.errors;
    } else if (key === 'message' && typeof value === 'string') {
      result.message = clip(value, errorReportLimits.text);
    } else {
      result[key] = key === 'event' || key === 'output' ? value : capErrorReports(value, depth + 1);
    }
  }
  return result;
}

/** A refusal's body, bounded: capped reports, and only code and message if it is still too large. */
export function capErrorBody<T extends { error_code: number; message: string }>(body: T): T | { error_code: number; message: string } {
  const capped = capErrorReports(body) as T;
  if (Buffer.byteLength(JSON.stringify(capped)) <= errorReportLimits.bodyBytes) return capped;
  return { error_code: capped.error_code, message: `${capped.message} (details omitted: larger than ${errorReportLimits.bodyBytes} bytes)` };
}

/** Routes whose successful answers carry validation reports. */
const reportingRoutes = new Set(['/subjects/:subject/versions/:version/validate', '/subjects/:subject/upcast', '/subjects/:subject/upcast/trace']);

/** Caps the validation reports in answers of the reporting routes (refusals are capped by the error handler). */
export function capValidationReports(app: FastifyInstance): void {
  app.addHook('preSerialization', async (request, _reply, payload) =>
    reportingRoutes.has(request.routeOptions.url ?? '') ? capErrorReports(payload) : payload,
  );
}
