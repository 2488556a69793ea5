import { useMemo } from 'preact/hooks';
import { api, seg } from '../api/http';
import type { HistoryEntry, SchemaVersion, VersionDiff } from '../api/types';
import { ChangeTable, severity } from '../components/change-table';
import { ErrorBox } from '../components/error-box';
import { JsonBlock } from '../components/json-block';
import { Loading } from '../components/loading';
import { PageTitle } from '../components/page-title';
import { SchemaView } from '../components/schema-view';
import { SubjectNav } from '../components/subject-nav';
import { VersionSelect } from '../components/version-select';
import { replaceQuery, type Route } from '../state/router';
import { useAsync } from '../state/use-async';

const directionWords = {
  backward: (c: { writer: string; reader: string }) => `Backward: an event written with ${c.writer} that readers on ${c.reader} refuse`,
  forward: (c: { writer: string; reader: string }) => `Forward: an event written with ${c.writer} that readers on ${c.reader} refuse`,
};

/** Any two versions side by side: the engine's verdict, its change list and counterexamples. */
export function DiffPage({ subject, route }: { subject: string; route: Route }) {
  const history = useAsync(() => api<HistoryEntry[]>('GET', `/subjects/${seg(subject)}/history`), [subject]);
  const live = (history.data ?? []).filter((v) => !v.deleted);
  const from = route.query.get('from') ?? live.at(-2)?.semver ?? live.at(-1)?.semver ?? '';
  const to = route.query.get('to') ?? live.at(-1)?.semver ?? '';
  const base = `/subjects/${seg(subject)}`;
  const diff = useAsync(
    async () =>
      from && to
        ? Promise.all([
            api<VersionDiff>('GET', `${base}/diff?from=${seg(from)}&to=${seg(to)}&deleted=true&counterexamples=false`),
            api<SchemaVersion>('GET', `${base}/versions/${seg(from)}?deleted=true`),
            api<SchemaVersion>('GET', `${base}/versions/${seg(to)}?deleted=true`),
          ])
        : undefined,
    [subject, from, to],
  );

  return (
    <>
      <PageTitle text={`Diff · ${subject}`} />
      <SubjectNav subject={subject} current="diff" />
      {history.error && <ErrorBox error={history.error} />}
      {history.data && (
        <form class="filters" aria-label="Versions to compare" onSubmit={(e) => e.preventDefault()}>
          <VersionSelect id="diff-from" label="From" versions={history.data} value={from} onChange={(v) => replaceQuery({ from: v, to })} />
          <VersionSelect id="diff-to" label="To" versions={history.data} value={to} onChange={(v) => replaceQuery({ from, to: v })} />
        </form>
      )}
      {diff.error && <ErrorBox error={diff.error} />}
      {diff.loading && <Loading what="the diff" />}
      {diff.data && !diff.loading && <DiffResult subject={subject} diff={diff.data[0]} older={diff.data[1]} newer={diff.data[2]} />}
    </>
  );
}

function DiffResult({ subject, diff, older, newer }: { subject: string; diff: VersionDiff; older: SchemaVersion; newer: SchemaVersion }) {
  const marks = useMemo(() => diff.changes.map((c) => ({ path: c.path, severity: severity(c) })), [diff]);
  const breaking = diff.changes.filter((c) => c.breaksLevel).length;
  return (
    <>
      <section aria-labelledby="verdict-heading" class={diff.compatible ? 'verdict ok' : 'verdict bad'}>
        <h2 id="verdict-heading">
          {diff.compatible ? 'Compatible' : 'Breaking'} under {diff.level}
        </h2>
        <p>
          {diff.changes.length} changes, {breaking} breaking the level. Backward (does {diff.to.semver} read {diff.from.semver} events?):{' '}
          <strong>{diff.backward ? 'yes' : 'no'}</strong>. Forward (does {diff.from.semver} read {diff.to.semver} events?):{' '}
          <strong>{diff.forward ? 'yes' : 'no'}</strong>.
        </p>
        <p>
          Semver bump required: <strong class="bump">{diff.requiredBump}</strong>
        </p>
      </section>
      <ChangeTable changes={diff.changes} caption={`Changes from ${diff.from.semver} to ${diff.to.semver}`} />
      {!(diff.backward && diff.forward) && <Counterexamples subject={subject} diff={diff} />}
      <section aria-labelledby="schemas-heading">
        <h2 id="schemas-heading">The two schemas, changed paths marked</h2>
        <div class="side-by-side">
          <div>
            <h3>{older.semver}</h3>
            <SchemaView schema={JSON.parse(older.schema)} label={`Schema ${older.semver}`} changes={marks} />
          </div>
          <div>
            <h3>{newer.semver}</h3>
            <SchemaView schema={JSON.parse(newer.schema)} label={`Schema ${newer.semver}`} changes={marks} />
          </div>
        </div>
      </section>
    </>
  );
}

/**
 * Counterexamples come second: searching for them compiles and samples both schemas, which takes a
 * moment for wide ones, and the change list should not wait for it.
 */
function Counterexamples({ subject, diff }: { subject: string; diff: VersionDiff }) {
  const query = `from=${diff.from.version}&to=${diff.to.version}&deleted=true`;
  const found = useAsync(() => api<VersionDiff>('GET', `/subjects/${seg(subject)}/diff?${query}`), [subject, query]);
  return (
    <section aria-labelledby="counter-heading">
      <h2 id="counter-heading">Counterexamples</h2>
      {found.error && <ErrorBox error={found.error} />}
      {found.loading && <Loading what="counterexamples (events one side accepts and the other refuses)" />}
      {found.data && found.data.counterexamples.length === 0 && <p>No counterexample event was found for the breaking directions.</p>}
      {found.data?.counterexamples.map((c) => (
        <div key={c.direction} class="counterexample">
          <h3>{directionWords[c.direction](c)}</h3>
          <JsonBlock value={c.event} label={`${c.direction} counterexample`} />
        </div>
      ))}
    </section>
  );
}
