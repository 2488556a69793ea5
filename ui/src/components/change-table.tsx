import type { Change } from '../api/types';
import type { Severity } from './schema-lines';

/** How a change counts under the subject's level (falls back to either direction when unknown). */
export function severity(change: Change): Severity {
  if (change.breaksLevel ?? (change.breaksBackward || change.breaksForward)) return 'breaking';
  return change.breaksBackward || change.breaksForward ? 'change' : 'annotation';
}

const yesNo = (value: boolean | undefined) => (value ? 'yes' : 'no');

/** The engine's change list: kind, JSON pointer, which directions it breaks, and why. */
export function ChangeTable({ changes, caption }: { changes: Change[]; caption: string }) {
  if (changes.length === 0) return <p>No changes.</p>;
  const withLevel = changes.some((c) => c.breaksLevel !== undefined);
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table class="changes">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">JSON pointer</th>
            <th scope="col">Breaks backward</th>
            <th scope="col">Breaks forward</th>
            {withLevel && <th scope="col">Breaks the level</th>}
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change, i) => (
            <tr key={i} class={severity(change)}>
              <td>
                <code>{change.kind}</code>
              </td>
              <td>
                <code>{change.path || '/'}</code>
              </td>
              <td>{yesNo(change.breaksBackward)}</td>
              <td>{yesNo(change.breaksForward)}</td>
              {withLevel && <td>{change.breaksLevel ? <strong>yes</strong> : 'no'}</td>}
              <td>{change.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
