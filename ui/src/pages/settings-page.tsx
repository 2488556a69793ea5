import { PageTitle } from '../components/page-title';
import { SettingsPanel } from '../components/settings-panel';
import type { WhoAmI } from '../api/types';
import { may } from '../state/whoami';

/** The registry-wide compatibility level and mode; editable by unscoped admins. */
export function SettingsPage({ who }: { who?: WhoAmI }) {
  return (
    <>
      <PageTitle text="Global config and mode" />
      <SettingsPanel canConfigure={may(who, 'configureGlobal')} canSetMode={may(who, 'setGlobalMode')} />
    </>
  );
}
