import type { HistoryEntry } from '../api/types';
import { href } from '../state/router';

const date = (iso: string) => new Date(iso).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

/** Every version of a subject, oldest first, soft-deleted ones marked; each links to its details. */
export function VersionTimeline({ subject, versions, selected }: { subject: string; versions: HistoryEntry[]; selected?: string }) {
  const guids = versions.some((v) => v.guid);
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label="Version timeline">
      <table class="timeline">
        <caption>Version timeline, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Semver</th>
            <th scope="col">Version</th>
            <th scope="col">Schema id</th>
            {guids && <th scope="col">GUID</th>}
            <th scope="col">Registered</th>
            <th scope="col">By</th>
            <th scope="col">Examples</th>
            <th scope="col">Migration rules</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} class={v.deleted ? 'deleted' : undefined} aria-current={v.semver === selected ? 'true' : undefined}>
              <th scope="row">
                <a href={href(['subjects', subject], { v: String(v.version) })}>{v.semver}</a>
              </th>
              <td>{v.version}</td>
              <td>{v.id}</td>
              {guids && <td><code>{v.guid ?? '—'}</code></td>}
              <td>
                <time dateTime={v.createdAt}>{date(v.createdAt)}</time>
              </td>
              <td>{v.author ?? <span class="muted">unknown</span>}</td>
              <td>{v.examples}</td>
              <td>{v.rules}</td>
              <td>{v.deleted ? <span class="badge deleted">soft-deleted</span> : 'live'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
