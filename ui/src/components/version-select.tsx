import type { HistoryEntry } from '../api/types';

/** A labelled choice of one version of a subject; soft-deleted ones are offered only when listed. */
export function VersionSelect(props: { id: string; label: string; versions: HistoryEntry[]; value: string; onChange: (semver: string) => void }) {
  return (
    <span class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(event) => props.onChange((event.target as HTMLSelectElement).value)}>
        {props.versions.map((v) => (
          <option key={v.version} value={v.semver}>
            {v.semver} (version {v.version}){v.deleted ? ' — deleted' : ''}
          </option>
        ))}
      </select>
    </span>
  );
}
