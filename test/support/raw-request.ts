import http from 'node:http';

export interface RawResponse {
  status: number;
  body: any;
  headers: http.IncomingHttpHeaders;
}

/**
 * One HTTP request through node:http rather than fetch: any method token (PROPFIND, TRACE…),
 * any header and any body bytes, which fetch refuses to send. The body is parsed as JSON when it
 * is JSON, kept as text otherwise.
 */
export function rawRequest(
  url: string,
  options: { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const body = options.body;
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: options.method,
        path: options.path,
        agent: false,
        headers: {
          'content-type': 'application/vnd.schemaregistry.v1+json',
          ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
          ...options.headers,
        },
        timeout: options.timeoutMs ?? 10_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: response.statusCode ?? 0, body: parsed, headers: response.headers });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs ?? 10_000} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
