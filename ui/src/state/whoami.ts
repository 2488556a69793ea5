import { api, seg } from '../api/http';
import type { Capability, WhoAmI } from '../api/types';
import { useAsync } from './use-async';
import { credentials } from './session';

/** Who the console is signed in as, and what it may do (on `subject`, when given). */
export function useWhoAmI(subject?: string) {
  return useAsync(() => api<WhoAmI>('GET', `/whoami${subject ? `?subject=${seg(subject)}` : ''}`), [subject, credentials.value]);
}

/** True only when the API said yes: an unknown answer hides the action. */
export const may = (who: WhoAmI | undefined, action: Capability): boolean => who?.may[action] === true;
