import { href } from '../state/router';

const views = [
  { part: undefined, label: 'Overview' },
  { part: 'diff', label: 'Diff' },
  { part: 'playground', label: 'Playground' },
  { part: 'migrate', label: 'Migration tester' },
] as const;

/** The views of one subject, with the current one marked for assistive technology. */
export function SubjectNav({ subject, current }: { subject: string; current?: string }) {
  return (
    <nav aria-label={`${subject} views`} class="tabs">
      {views.map((view) => (
        <a key={view.label} href={href(view.part ? ['subjects', subject, view.part] : ['subjects', subject])} aria-current={view.part === current ? 'page' : undefined}>
          {view.label}
        </a>
      ))}
    </nav>
  );
}
