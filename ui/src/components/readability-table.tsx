import type { Readability } from '../api/types';

const words = { direct: 'reads directly', migration: 'through a migration', none: 'cannot read' } as const;

/** Per consumer group and version: read as is, through the migration chain, or not at all. */
export function ReadabilityTable({ subject, readability }: { subject: string; readability: Readability }) {
  if (readability.groups.length === 0) return <p>No consumer group declares that it reads {subject}.</p>;
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={`Who reads ${subject}`}>
      <table class="readability">
        <caption>Who reads which version of {subject}</caption>
        <thead>
          <tr>
            <th scope="col">Group (range → version read)</th>
            {readability.versions.map((v) => (
              <th key={v} scope="col">
                {v}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {readability.groups.map((group) => (
            <tr key={group.group}>
              <th scope="row">
                {group.group} <code>{group.range}</code> → {group.target ?? 'nothing registered'}
              </th>
              {group.versions.map((cell) => (
                <td key={cell.semver} class={`access ${cell.access}`} title={cell.reason}>
                  {words[cell.access]}
                  {cell.reason && <span class="sr-only">: {cell.reason}</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
