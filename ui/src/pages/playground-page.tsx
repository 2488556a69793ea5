import { useEffect, useState } from 'preact/hooks';
import { api, seg } from '../api/http';
import type { CompatibilityAnswer, SchemaVersion } from '../api/types';
import { ErrorBox } from '../components/error-box';
import { Loading } from '../components/loading';
import { PageTitle } from '../components/page-title';
import { SubjectNav } from '../components/subject-nav';
import { useAsync } from '../state/use-async';
import { may, useWhoAmI } from '../state/whoami';
import { CompatibilityVerdict } from './compatibility-verdict';

/**
 * The request body the playground sends, for both the check and the registration. The candidate
 * starts as the latest version, so it keeps that version's references: a schema that uses a shared
 * type (`{"$ref": "common.Money/1.0.0"}`) cannot be resolved without them.
 */
function candidateBody(schemaText: string, semver: string, upgrade: string, references: SchemaVersion['references']) {
  const schema: unknown = JSON.parse(schemaText);
  return {
    schema: JSON.stringify(schema),
    ...(references?.length ? { references } : {}),
    ...(semver.trim() ? { semver: semver.trim() } : {}),
    ...(upgrade.trim()
      ? { ruleSet: { migrationRules: [{ name: `upgrade-to-${semver.trim() || 'next'}`, kind: 'TRANSFORM', type: 'JSONATA', mode: 'UPGRADE', expr: upgrade }] } }
      : {}),
  };
}

/** Edit a candidate schema, see what the registry would say, and register it if allowed. */
export function PlaygroundPage({ subject }: { subject: string }) {
  const latest = useAsync(() => api<SchemaVersion>('GET', `/subjects/${seg(subject)}/versions/latest`), [subject]);
  const who = useWhoAmI(subject);
  const [text, setText] = useState('');
  const [semver, setSemver] = useState('');
  const [upgrade, setUpgrade] = useState('');
  const [answer, setAnswer] = useState<CompatibilityAnswer>();
  const [registered, setRegistered] = useState<{ id: number; version: number; semver: string }>();
  const [error, setError] = useState<Error>();
  const [parseError, setParseError] = useState('');
  useEffect(() => {
    if (latest.data) setText(JSON.stringify(JSON.parse(latest.data.schema), null, 2));
  }, [latest.data]);

  const run = async (action: 'check' | 'register') => {
    setError(undefined);
    setRegistered(undefined);
    let body;
    try {
      body = candidateBody(text, semver, upgrade, latest.data?.references);
      setParseError('');
    } catch (caught) {
      setParseError(`The candidate is not JSON: ${(caught as Error).message}`);
      return;
    }
    try {
      if (action === 'check') setAnswer(await api<CompatibilityAnswer>('POST', `/compatibility/subjects/${seg(subject)}/versions?verbose=true`, body));
      else setRegistered(await api('POST', `/subjects/${seg(subject)}/versions`, body));
    } catch (caught) {
      setError(caught as Error);
    }
  };

  return (
    <>
      <PageTitle text={`Playground · ${subject}`} />
      <SubjectNav subject={subject} current="playground" />
      {latest.error && <ErrorBox error={latest.error} />}
      {!latest.data && !latest.error && <Loading what="the latest version" />}
      <form class="stack" onSubmit={(e) => (e.preventDefault(), run('check'))}>
        <label for="candidate">Candidate schema (starts as {latest.data ? `version ${latest.data.semver}` : 'the latest version'})</label>
        <textarea id="candidate" rows={18} spellcheck={false} value={text} aria-invalid={parseError ? 'true' : undefined} aria-describedby={parseError ? 'candidate-error' : undefined} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        {parseError && (
          <p id="candidate-error" class="error" role="alert">
            {parseError}
          </p>
        )}
        <span class="field">
          <label for="candidate-semver">Semver (optional: inferred when empty)</label>
          <input id="candidate-semver" value={semver} placeholder={latest.data ? `after ${latest.data.semver}` : ''} onInput={(e) => setSemver((e.target as HTMLInputElement).value)} />
        </span>
        <label for="candidate-upgrade">Upgrade rule from the previous version (JSONata, needed for a new major)</label>
        <textarea id="candidate-upgrade" rows={4} spellcheck={false} value={upgrade} onInput={(e) => setUpgrade((e.target as HTMLTextAreaElement).value)} />
        <div class="buttons">
          <button type="submit">Check compatibility</button>
          {may(who.data, 'register') && (
            <button type="button" onClick={() => run('register')}>
              Register this version
            </button>
          )}
        </div>
      </form>
      {error && <ErrorBox error={error} />}
      {registered && (
        <p role="status" class="verdict ok">
          Registered {subject} {registered.semver} as version {registered.version} (schema id {registered.id}).
        </p>
      )}
      {answer && latest.data && <CompatibilityVerdict answer={answer} latest={latest.data.semver} />}
    </>
  );
}
