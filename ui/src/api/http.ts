import { credentials } from '../state/session';

/** An error answer of the registry: Confluent's `error_code` and `message`, plus any details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: number,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * Calls the registry's own API, as the signed-in principal: the console can do nothing the API
 * would refuse. `credentials: 'omit'` keeps the browser from popping its own sign-in dialog on a
 * 401 (the console asks instead).
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const auth = credentials.value;
  if (auth) headers.authorization = auth.kind === 'key' ? `Basic ${btoa(auth.secret)}` : `Bearer ${auth.secret}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, credentials: 'omit', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const parsed = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const errorBody = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
    const message = typeof errorBody.message === 'string' ? errorBody.message : `HTTP ${response.status}`;
    throw new ApiError(response.status, Number(errorBody.error_code ?? response.status), message, errorBody);
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `encodeURIComponent` for path segments: subject names may hold dots, colons and spaces. */
export const seg = encodeURIComponent;
