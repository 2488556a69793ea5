import { ApiError } from '../api/http';

/** An error as the registry answered it: its message, and Confluent's code for searching the docs. */
export function ErrorBox({ error, title = 'The registry refused' }: { error: Error; title?: string }) {
  const code = error instanceof ApiError ? ` (error ${error.errorCode}, HTTP ${error.status})` : '';
  return (
    <div class="error" role="alert">
      <strong>{title}</strong>
      {code}: {error.message}
    </div>
  );
}
