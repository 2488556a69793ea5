import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from './api/http';
import { ErrorBox } from './components/error-box';
import { Header } from './components/header';
import { Loading } from './components/loading';
import { PageTitle } from './components/page-title';
import { SignIn } from './components/sign-in';
import { AuditPage } from './pages/audit-page';
import { ConsumersPage } from './pages/consumers-page';
import { DiffPage } from './pages/diff-page';
import { MigratePage } from './pages/migrate-page';
import { PlaygroundPage } from './pages/playground-page';
import { SettingsPage } from './pages/settings-page';
import { SubjectPage } from './pages/subject-page';
import { SubjectsPage } from './pages/subjects-page';
import { route as routeStore, type Route } from './state/router';
import { credentials } from './state/session';
import { useStore } from './state/store';
import { useWhoAmI } from './state/whoami';
import type { WhoAmI } from './api/types';

/** The page for a route: `#/subjects/<name>/<view>`, `#/consumers`, `#/audit`, `#/settings`. */
function page(route: Route, who: WhoAmI | undefined) {
  const [section = 'subjects', subject, view] = route.parts;
  if (section === 'subjects' && subject === undefined) return <SubjectsPage route={route} />;
  if (section === 'subjects' && view === undefined) return <SubjectPage subject={subject!} route={route} />;
  if (section === 'subjects' && view === 'diff') return <DiffPage subject={subject!} route={route} />;
  if (section === 'subjects' && view === 'playground') return <PlaygroundPage subject={subject!} />;
  if (section === 'subjects' && view === 'migrate') return <MigratePage subject={subject!} route={route} />;
  if (section === 'consumers') return <ConsumersPage />;
  if (section === 'audit') return <AuditPage route={route} />;
  if (section === 'settings') return <SettingsPage who={who} />;
  return <PageTitle text="Not found" />;
}

/** Signs in when the registry asks for it, then routes by the URL's hash. */
export function App() {
  const route = useStore(routeStore);
  const signedIn = useStore(credentials);
  const who = useWhoAmI();
  const main = useRef<HTMLElement>(null);
  const path = route.parts.join('/');
  // A new view moves focus to its content, as a page load would, so keyboard and screen reader
  // users start there instead of at the top of the previous view.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [path]);

  const unauthorised = who.error instanceof ApiError && who.error.status === 401;
  let content;
  if (unauthorised) content = <SignIn failed={signedIn ? 'The registry did not accept that credential.' : undefined} />;
  else if (who.error) content = <ErrorBox error={who.error} title="The registry cannot be reached" />;
  else if (!who.data) content = <Loading what="the console" />;
  else content = page(route, who.data);

  return (
    <>
      <Header who={unauthorised ? undefined : who.data} current={route.parts[0] ?? 'subjects'} />
      <main id="main" tabIndex={-1} ref={main}>
        {content}
      </main>
    </>
  );
}
