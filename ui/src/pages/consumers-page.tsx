import { api, seg } from '../api/http';
import type { ConsumerDeclaration, Readability } from '../api/types';
import { ErrorBox } from '../components/error-box';
import { Loading } from '../components/loading';
import { PageTitle } from '../components/page-title';
import { ReadabilityTable } from '../components/readability-table';
import { href } from '../state/router';
import { useAsync } from '../state/use-async';

/** Every consumer group's declared ranges, then per subject who can read which version and how. */
export function ConsumersPage() {
  const groups = useAsync(() => api<ConsumerDeclaration[]>('GET', '/consumers'), []);
  const subjects = [...new Set((groups.data ?? []).flatMap((g) => Object.keys(g.subjects)))].sort();
  return (
    <>
      <PageTitle text="Consumers" />
      {groups.error && <ErrorBox error={groups.error} />}
      {!groups.data && !groups.error && <Loading what="consumer groups" />}
      {groups.data?.length === 0 && <p>No consumer group has declared what it reads (PUT /consumers/&#123;group&#125;).</p>}
      {groups.data && groups.data.length > 0 && (
        <table>
          <caption>Declared consumer groups</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Reads</th>
            </tr>
          </thead>
          <tbody>
            {groups.data.map((g) => (
              <tr key={g.group}>
                <th scope="row">{g.group}</th>
                <td>
                  {Object.entries(g.subjects).map(([subject, range]) => (
                    <span key={subject} class="pill">
                      <a href={href(['subjects', subject])}>{subject}</a> <code>{range}</code>
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {subjects.map((subject) => (
        <SubjectReaders key={subject} subject={subject} />
      ))}
    </>
  );
}

function SubjectReaders({ subject }: { subject: string }) {
  const readability = useAsync(() => api<Readability>('GET', `/subjects/${seg(subject)}/readability`), [subject]);
  return (
    <section aria-label={`Readers of ${subject}`}>
      <h2>{subject}</h2>
      {readability.error && <ErrorBox error={readability.error} />}
      {readability.data && <ReadabilityTable subject={subject} readability={readability.data} />}
    </section>
  );
}
