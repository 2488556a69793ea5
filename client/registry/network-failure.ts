/**
 * What went wrong below HTTP, in words a user can act on. `fetch` reports every network failure as
 * `TypeError: fetch failed` with the real reason (a Node error code) on `cause`; a TLS certificate
 * problem would otherwise read as "registry unavailable", which sends people looking for an outage.
 */
export interface NetworkFailure {
  /** One line: the code and what it means. */
  description: string;
  /** Retrying cannot help (certificate problems, unknown hosts). */
  permanent: boolean;
}

const tlsCodes = /CERT|SELF_SIGNED|TLS|SSL|ERR_OSSL|UNABLE_TO_(GET|VERIFY)/;

export function describeNetworkFailure(error: unknown): NetworkFailure {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return { description: 'no answer within the timeout', permanent: false };
  }
  const cause = error instanceof Error ? (error.cause as (Error & { code?: string }) | undefined) : undefined;
  const code = cause?.code ?? (error as { code?: string } | undefined)?.code;
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  if (code !== undefined && tlsCodes.test(code)) {
    return {
      description: `TLS certificate rejected (${code}: ${message}); trust the registry's CA with NODE_EXTRA_CA_CERTS or the CLI's --ca FILE`,
      permanent: true,
    };
  }
  if (code === 'ENOTFOUND') return { description: `unknown host (${message})`, permanent: true };
  return { description: code ? `${code}: ${message}` : message, permanent: false };
}
