import { useEffect, useState } from 'preact/hooks';
import { api, seg } from '../api/http';
import { compatibilityLevels, modes, type Config } from '../api/types';
import { ErrorBox } from './error-box';
import { Loading } from './loading';
import { SelectField } from './select-field';
import { useAsync } from '../state/use-async';

interface Props {
  /** The subject, or undefined for the registry-wide settings. */
  subject?: string;
  canConfigure: boolean;
  canSetMode: boolean;
}

/**
 * Compatibility level and mode in effect (the subject's own, else the global ones). Editing is
 * offered only when the API says the caller may; the API still decides when the form is sent.
 */
export function SettingsPanel({ subject, canConfigure, canSetMode }: Props) {
  const configPath = subject ? `/config/${seg(subject)}` : '/config';
  const modePath = subject ? `/mode/${seg(subject)}` : '/mode';
  const fallback = subject ? '?defaultToGlobal=true' : '';
  const settings = useAsync(
    () => Promise.all([api<Config>('GET', configPath + fallback), api<{ mode: string }>('GET', modePath + fallback)]),
    [subject],
  );
  const [level, setLevel] = useState('');
  const [mode, setMode] = useState('');
  const [saved, setSaved] = useState('');
  const [error, setError] = useState<Error>();
  useEffect(() => {
    if (!settings.data) return;
    setLevel(settings.data[0].compatibilityLevel ?? settings.data[0].compatibility ?? '');
    setMode(settings.data[1].mode);
  }, [settings.data]);

  const save = async (what: 'level' | 'mode') => {
    setError(undefined);
    setSaved('');
    try {
      if (what === 'level') await api('PUT', configPath, { compatibility: level });
      else await api('PUT', modePath, { mode });
      setSaved(what === 'level' ? `Compatibility set to ${level}.` : `Mode set to ${mode}.`);
      settings.reload();
    } catch (caught) {
      setError(caught as Error);
    }
  };

  if (settings.error) return <ErrorBox error={settings.error} />;
  if (!settings.data) return <Loading what="settings" />;
  const [config] = settings.data;
  const scope = subject ? 'subject' : 'global';
  return (
    <div class="settings">
      <dl>
        <dt>Compatibility level</dt>
        <dd>{config.compatibilityLevel ?? config.compatibility}</dd>
        <dt>Policy</dt>
        <dd>{config.compatibilityPolicy ?? 'STRICT'}</dd>
        <dt>Migration rule required for a new major</dt>
        <dd>{config.requireMigration === false ? 'no' : 'yes'}</dd>
        <dt>Mode</dt>
        <dd>{settings.data[1].mode}</dd>
      </dl>
      {canConfigure && (
        <form class="inline" onSubmit={(e) => (e.preventDefault(), save('level'))}>
          <SelectField id={`${scope}-level`} label="New compatibility level" value={level} onChange={setLevel} options={compatibilityLevels.map((l) => [l, l] as const)} />
          <button type="submit">Save level</button>
        </form>
      )}
      {canSetMode && (
        <form class="inline" onSubmit={(e) => (e.preventDefault(), save('mode'))}>
          <SelectField id={`${scope}-mode`} label="New mode" value={mode} onChange={setMode} options={modes.map((m) => [m, m] as const)} />
          <button type="submit">Save mode</button>
        </form>
      )}
      {!canConfigure && !canSetMode && <p class="muted">Changing these needs an admin role{subject ? ' on this subject' : ''}.</p>}
      {saved && <p role="status">{saved}</p>}
      {error && <ErrorBox error={error} />}
    </div>
  );
}
