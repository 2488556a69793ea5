import type { SharedTypeImpact } from './finding.js';

/**
 * The impact report as lines (text report, JUnit system-out): per new shared version, whether it
 * breaks and, per referencing subject, what happens to it.
 */
export function impactLines(impact: SharedTypeImpact): string[] {
  const change = `${impact.breaking ? 'breaks' : 'compatible with'} ${impact.previous} under ${impact.level}`;
  return [
    `shared type ${impact.subject} ${impact.semver} (${change}) is referenced by ${impact.referencers.length} subject(s):`,
    ...impact.referencers.map((r) => {
      const state =
        r.status === 'picks-up'
          ? `picks it up in ${r.pickedUpIn}, checked with the new references: ${r.ok ? 'ok' : 'problems above'}`
          : r.status === 'impacted'
            ? 'IMPACTED: stays on its version until it moves in a new major'
            : 'can pick it up in a minor';
      return `    ${r.subject} ${r.semver} (${r.source}, uses ${r.uses}): ${state}`;
    }),
  ];
}
