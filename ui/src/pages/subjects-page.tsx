import { useMemo } from 'preact/hooks';
import { api } from '../api/http';
import type { CatalogEntry } from '../api/types';
import { ErrorBox } from '../components/error-box';
import { Loading } from '../components/loading';
import { PageTitle } from '../components/page-title';
import { Pager } from '../components/pager';
import { SelectField } from '../components/select-field';
import { href, replaceQuery, type Route } from '../state/router';
import { useAsync } from '../state/use-async';
import { countBy, filterSubjects } from './subject-filter';

const pageSize = 50;

/** Every subject, filtered by name, owner and level, one page of 50 at a time. */
export function SubjectsPage({ route }: { route: Route }) {
  const catalog = useAsync(() => api<CatalogEntry[]>('GET', '/catalog'), []);
  const filter = { prefix: route.query.get('q') ?? '', owner: route.query.get('owner') ?? '', level: route.query.get('level') ?? '' };
  const page = Math.max(1, Number(route.query.get('page') ?? 1) || 1);
  const all = catalog.data ?? [];
  const shown = useMemo(() => filterSubjects(all, filter), [all, filter.prefix, filter.owner, filter.level]);
  const owners = useMemo(() => countBy(all, (e) => e.owner ?? '(none)'), [all]);
  const levels = useMemo(() => countBy(all, (e) => e.compatibility), [all]);
  const pages = Math.ceil(shown.length / pageSize);
  const update = (change: Partial<typeof filter> & { page?: number }) => {
    const next = { ...filter, ...change };
    replaceQuery({ q: next.prefix, owner: next.owner, level: next.level, page: change.page && change.page > 1 ? String(change.page) : undefined });
  };

  return (
    <>
      <PageTitle text="Subjects" />
      <form class="filters" role="search" aria-label="Filter subjects" onSubmit={(event) => event.preventDefault()}>
        <span class="field">
          <label for="filter-name">Name prefix</label>
          <input id="filter-name" type="search" value={filter.prefix} placeholder="order." onInput={(e) => update({ prefix: (e.target as HTMLInputElement).value })} />
        </span>
        <SelectField id="filter-owner" label="Owner" value={filter.owner} onChange={(owner) => update({ owner })} options={[['', 'Any owner'], ...owners.map(([o, n]) => [o, `${o} (${n})`] as const)]} />
        <SelectField id="filter-level" label="Compatibility" value={filter.level} onChange={(level) => update({ level })} options={[['', 'Any level'], ...levels.map(([l, n]) => [l, `${l} (${n})`] as const)]} />
      </form>
      {catalog.error && <ErrorBox error={catalog.error} />}
      {catalog.loading && !catalog.data && <Loading what="subjects" />}
      {catalog.data && (
        <>
          <p role="status" id="subject-count">
            {shown.length === all.length ? `${all.length} subjects` : `${shown.length} of ${all.length} subjects`}
          </p>
          <SubjectTable rows={shown.slice((page - 1) * pageSize, page * pageSize)} />
          {pages > 1 && <Pager page={page} pages={pages} label="Subject pages" onPage={(p) => update({ page: p })} />}
        </>
      )}
    </>
  );
}

function SubjectTable({ rows }: { rows: CatalogEntry[] }) {
  if (rows.length === 0) return <p>No subject matches.</p>;
  return (
    <table class="subjects" aria-describedby="subject-count">
      <thead>
        <tr>
          <th scope="col">Subject</th>
          <th scope="col">Latest</th>
          <th scope="col">Versions</th>
          <th scope="col">Owner</th>
          <th scope="col">Compatibility</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.subject}>
            <th scope="row">
              <a href={href(['subjects', row.subject])}>{row.subject}</a>
            </th>
            <td>{row.latest ? row.latest.semver : 'all deleted'}</td>
            <td>
              {row.versions}
              {row.deletedVersions > 0 && <span class="muted"> (+{row.deletedVersions} deleted)</span>}
            </td>
            <td>{row.owner ?? <span class="muted">—</span>}</td>
            <td>{row.compatibility}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
