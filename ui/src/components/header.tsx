import type { WhoAmI } from '../api/types';
import { href } from '../state/router';
import { signOut } from '../state/session';
import { may } from '../state/whoami';

const sections = [
  { part: 'subjects', label: 'Subjects' },
  { part: 'consumers', label: 'Consumers' },
  { part: 'audit', label: 'Audit log', needs: 'readAudit' },
  { part: 'settings', label: 'Global settings' },
] as const;

/** Skip link, site navigation and who is signed in. */
export function Header({ who, current }: { who?: WhoAmI; current: string }) {
  return (
    <header>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <span class="brand">Charter console</span>
      {who && (
        <nav aria-label="Console">
          {sections
            .filter((s) => !('needs' in s) || may(who, s.needs))
            .map((s) => (
              <a key={s.part} href={href([s.part])} aria-current={current === s.part ? 'page' : undefined}>
                {s.label}
              </a>
            ))}
        </nav>
      )}
      {who?.authentication && (
        <span class="who">
          Signed in as <strong>{who.principal}</strong> ({who.roles.join(', ') || 'no roles'}){' '}
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </span>
      )}
    </header>
  );
}
