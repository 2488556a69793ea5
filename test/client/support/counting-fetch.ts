/** A real `fetch` that records every request it makes, to assert what the client sends and how often. */
export function countingFetch(): { fetch: typeof fetch; requests: Array<{ method: string; url: string; headers: Headers }> } {
  const requests: Array<{ method: string; url: string; headers: Headers }> = [];
  const wrapped: typeof fetch = (input, init) => {
    requests.push({ method: init?.method ?? 'GET', url: String(input), headers: new Headers(init?.headers) });
    return fetch(input, init);
  };
  return { fetch: wrapped, requests };
}
