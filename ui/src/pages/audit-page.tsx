import { useState } from 'preact/hooks';
import { api, seg } from '../api/http';
import type { AuditEntry } from '../api/types';
import { ErrorBox } from '../components/error-box';
import { Loading } from '../components/loading';
import { PageTitle } from '../components/page-title';
import { SelectField } from '../components/select-field';
import { replaceQuery, type Route } from '../state/router';
import { useAsync } from '../state/use-async';

type Page = { entries: AuditEntry[]; next?: number };

const actions = ['schema.', 'subject.', 'config.', 'mode.', 'consumer.'];

/**
 * The audit log, newest first. The subject filter is the API's own; action and principal filter
 * the loaded pages in the browser. "Older entries" pages on with the API's `before` cursor.
 */
export function AuditPage({ route }: { route: Route }) {
  const subject = route.query.get('subject') ?? '';
  const action = route.query.get('action') ?? '';
  const principal = route.query.get('principal') ?? '';
  const [before, setBefore] = useState<number[]>([]);
  const pages = useAsync(async () => {
    const query = (cursor?: number) => `/audit?limit=100${subject ? `&subject=${seg(subject)}` : ''}${cursor ? `&before=${cursor}` : ''}`;
    const loaded: Page[] = [await api<Page>('GET', query())];
    for (const cursor of before) loaded.push(await api<Page>('GET', query(cursor)));
    return loaded;
  }, [subject, before.length]);
  const entries = (pages.data ?? []).flatMap((p) => p.entries).filter((e) => (!action || e.action.startsWith(action)) && (!principal || e.principal.includes(principal)));
  const next = pages.data?.at(-1)?.next;
  const set = (change: Record<string, string>) => {
    setBefore([]);
    replaceQuery({ subject, action, principal, ...change });
  };

  return (
    <>
      <PageTitle text="Audit log" />
      <form class="filters" role="search" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <span class="field">
          <label for="audit-subject">Subject</label>
          <input id="audit-subject" type="search" value={subject} onInput={(e) => set({ subject: (e.target as HTMLInputElement).value })} />
        </span>
        <SelectField id="audit-action" label="Action" value={action} onChange={(value) => set({ action: value })} options={[['', 'Any action'], ...actions.map((a) => [a, `${a}*`] as const)]} />
        <span class="field">
          <label for="audit-principal">Principal</label>
          <input id="audit-principal" type="search" value={principal} onInput={(e) => set({ principal: (e.target as HTMLInputElement).value })} />
        </span>
      </form>
      {pages.error && <ErrorBox error={pages.error} />}
      {pages.loading && !pages.data && <Loading what="the audit log" />}
      {pages.data && <AuditTable entries={entries} />}
      {next !== undefined && pages.data?.at(-1)?.entries.length === 100 && (
        <button type="button" onClick={() => setBefore([...before, next])}>
          Older entries
        </button>
      )}
    </>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p>No entries match.</p>;
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label="Audit entries">
      <table>
        <caption>{entries.length} entries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Subject</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>
                <time dateTime={e.at}>{e.at.replace('T', ' ').slice(0, 19)}</time>
              </td>
              <td>{e.principal}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>{e.subject ?? '—'}</td>
              <td>
                <code>{JSON.stringify(e.detail)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
