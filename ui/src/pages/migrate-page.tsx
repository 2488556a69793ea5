import { useEffect, useState } from 'preact/hooks';
import { api, seg } from '../api/http';
import type { HistoryEntry, MigrationTrace } from '../api/types';
import { ErrorBox } from '../components/error-box';
import { PageTitle } from '../components/page-title';
import { SubjectNav } from '../components/subject-nav';
import { VersionSelect } from '../components/version-select';
import { replaceQuery, type Route } from '../state/router';
import { useAsync } from '../state/use-async';
import { TraceView } from './trace-view';

/** Paste an event of one version, pick another, and watch it go through every hop of the chain. */
export function MigratePage({ subject, route }: { subject: string; route: Route }) {
  const history = useAsync(() => api<HistoryEntry[]>('GET', `/subjects/${seg(subject)}/history`), [subject]);
  const live = (history.data ?? []).filter((v) => !v.deleted);
  const from = route.query.get('from') ?? live[0]?.semver ?? '';
  const to = route.query.get('to') ?? live.at(-1)?.semver ?? '';
  const examples = useAsync(async () => (from ? api<unknown[]>('GET', `/subjects/${seg(subject)}/versions/${seg(from)}/examples`) : []), [subject, from]);
  const [text, setText] = useState('');
  const [trace, setTrace] = useState<MigrationTrace>();
  const [error, setError] = useState<Error>();
  useEffect(() => {
    const first = examples.data?.[0];
    setText(first === undefined ? '{}' : JSON.stringify(first, null, 2));
    setTrace(undefined);
  }, [examples.data]);

  const run = async () => {
    setError(undefined);
    setTrace(undefined);
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch (caught) {
      setError(new Error(`The event is not JSON: ${(caught as Error).message}`));
      return;
    }
    try {
      setTrace(await api<MigrationTrace>('POST', `/subjects/${seg(subject)}/upcast/trace`, { event, from, to }));
    } catch (caught) {
      setError(caught as Error);
    }
  };

  return (
    <>
      <PageTitle text={`Migration tester · ${subject}`} />
      <SubjectNav subject={subject} current="migrate" />
      {history.error && <ErrorBox error={history.error} />}
      <form class="stack" onSubmit={(e) => (e.preventDefault(), run())}>
        {history.data && (
          <div class="filters">
            <VersionSelect id="migrate-from" label="Event of version" versions={live} value={from} onChange={(v) => replaceQuery({ from: v, to })} />
            <VersionSelect id="migrate-to" label="Migrate to" versions={live} value={to} onChange={(v) => replaceQuery({ from, to: v })} />
          </div>
        )}
        <label for="migrate-event">Event (starts as the first example of {from || 'the version'})</label>
        <textarea id="migrate-event" rows={12} spellcheck={false} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        <div class="buttons">
          <button type="submit">Run the migration</button>
        </div>
      </form>
      {error && <ErrorBox error={error} title="Could not run" />}
      {trace && <TraceView trace={trace} to={to} />}
    </>
  );
}
