import type { HistoryEntry } from '../api/types';
import { SelectField } from './select-field';

/** A labelled choice of one version of a subject, by semver; soft-deleted ones are marked. */
export function VersionSelect(props: { id: string; label: string; versions: HistoryEntry[]; value: string; onChange: (semver: string) => void }) {
  const options = props.versions.map((v) => [v.semver, `${v.semver} (version ${v.version})${v.deleted ? ' — deleted' : ''}`] as const);
  return <SelectField id={props.id} label={props.label} value={props.value} options={options} onChange={props.onChange} />;
}
