import { api, seg } from '../api/http';
import type { HistoryEntry, Readability } from '../api/types';
import { ErrorBox } from '../components/error-box';
import { Loading } from '../components/loading';
import { PageTitle } from '../components/page-title';
import { ReadabilityTable } from '../components/readability-table';
import { SettingsPanel } from '../components/settings-panel';
import { SubjectNav } from '../components/subject-nav';
import type { Route } from '../state/router';
import { useAsync } from '../state/use-async';
import { may, useWhoAmI } from '../state/whoami';
import { VersionDetails } from './version-details';
import { VersionTimeline } from './version-timeline';

/** One subject: its timeline, the chosen version in full, its settings and its readers. */
export function SubjectPage({ subject, route }: { subject: string; route: Route }) {
  const history = useAsync(() => api<HistoryEntry[]>('GET', `/subjects/${seg(subject)}/history`), [subject]);
  const readers = useAsync(() => api<Readability>('GET', `/subjects/${seg(subject)}/readability`), [subject]);
  const who = useWhoAmI(subject);
  const versions = history.data ?? [];
  const asked = Number(route.query.get('v'));
  const selected = versions.find((v) => v.version === asked) ?? versions.findLast((v) => !v.deleted) ?? versions.at(-1);

  return (
    <>
      <PageTitle text={subject} />
      <SubjectNav subject={subject} />
      {history.error && <ErrorBox error={history.error} />}
      {!history.data && !history.error && <Loading what="versions" />}
      {history.data && (
        <>
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">Versions</h2>
            <VersionTimeline subject={subject} versions={versions} selected={selected?.semver} />
          </section>
          {selected && <VersionDetails subject={subject} version={selected.version} />}
        </>
      )}
      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">Config and mode</h2>
        <SettingsPanel subject={subject} canConfigure={may(who.data, 'configureSubject')} canSetMode={may(who.data, 'setSubjectMode')} />
      </section>
      <section aria-labelledby="readers-heading">
        <h2 id="readers-heading">Consumers</h2>
        {readers.error && <ErrorBox error={readers.error} />}
        {readers.data && <ReadabilityTable subject={subject} readability={readers.data} />}
      </section>
    </>
  );
}
