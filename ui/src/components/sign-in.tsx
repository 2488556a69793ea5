import { useState } from 'preact/hooks';
import { signIn } from '../state/session';
import { PageTitle } from './page-title';

/**
 * Asks for an API key (`key:secret`, sent as HTTP Basic like Confluent clients do) or a bearer
 * token. Nothing is checked here: the next API call says whether the registry accepts it.
 */
export function SignIn({ failed }: { failed?: string }) {
  const [kind, setKind] = useState<'key' | 'bearer'>('key');
  const [secret, setSecret] = useState('');
  return (
    <>
      <PageTitle text="Sign in" />
      <p>This registry has authentication on. Sign in with an API key or a bearer token; the console then shows what your role allows.</p>
      {failed && (
        <p class="error" role="alert">
          {failed}
        </p>
      )}
      <form class="stack narrow" onSubmit={(e) => (e.preventDefault(), secret.trim() && signIn({ kind, secret: secret.trim() }))}>
        <fieldset>
          <legend>Credential</legend>
          <label>
            <input type="radio" name="kind" value="key" checked={kind === 'key'} onChange={() => setKind('key')} /> API key (<code>ck_…:secret</code>)
          </label>
          <label>
            <input type="radio" name="kind" value="bearer" checked={kind === 'bearer'} onChange={() => setKind('bearer')} /> Bearer token (JWT)
          </label>
        </fieldset>
        <label for="secret">{kind === 'key' ? 'API key' : 'Token'}</label>
        <input id="secret" type="password" autoComplete="off" required value={secret} onInput={(e) => setSecret((e.target as HTMLInputElement).value)} />
        <div class="buttons">
          <button type="submit">Sign in</button>
        </div>
      </form>
    </>
  );
}
