/** One problem `charter check` found, pointing at the file (and line, when known) to fix. */
export interface Finding {
  /** Which check found it (a name from the version-checks table), e.g. 'compatible-within-major'. */
  check: string;
  severity: 'error' | 'warning';
  subject: string;
  semver: string;
  /** The file to open, as a path from where charter was run. */
  file: string;
  line?: number;
  /** What broke. */
  message: string;
  /** What to do instead. */
  hint?: string;
  details?: unknown;
}

/** Everything one run found: the versions it looked at and the findings about them. */
export interface CheckReport {
  /** What the folder was compared with: a registry URL, a git ref, an export file, or nothing. */
  against: string;
  checked: Array<{ subject: string; semver: string; file: string }>;
  findings: Finding[];
  /** With `--registry`: the registry's own answer to a dry run of each subject's new versions. */
  registry?: RegistryVerdict[];
  /** New versions of shared types (subjects others reference) and the subjects they touch. */
  impact?: SharedTypeImpact[];
}

/** A new version of a subject that other subjects reference, and what it means for each of them. */
export interface SharedTypeImpact {
  subject: string;
  semver: string;
  /** The version it was compared with (the one before it by semver). */
  previous: string;
  /** Whether it breaks compatibility with `previous` under `level` (a referencing subject cannot just move to it). */
  breaking: boolean;
  level: string;
  referencers: ImpactedSubject[];
}

/** One subject that references a shared type, directly or through another shared type. */
export interface ImpactedSubject {
  subject: string;
  /** Its latest version that references the shared subject. */
  semver: string;
  /** The shared version that version uses (`<subject>/<semver>`). */
  uses: string;
  /** Where it was found: the folder, the registry (`referencedby`), or the baseline (an export). */
  source: 'folder' | 'registry' | 'baseline';
  /**
   * `picks-up`: a new version of it references the new shared version (checked with the new
   * closure; `ok` says whether it passed); `impacted`: the change breaks and it still uses an older
   * version; `can-pick-up`: the change is compatible.
   */
  status: 'picks-up' | 'impacted' | 'can-pick-up';
  pickedUpIn?: string;
  ok?: boolean;
  /** Its schema file and the line of the `$ref`, when it is in the folder. */
  file?: string;
  line?: number;
}

/** A subject's new versions as the registry judged them in a dry run: all accepted, or the first refused. */
export interface RegistryVerdict {
  subject: string;
  accepted?: string[];
  /** Per accepted version, the rules the registry verified and on how many samples. */
  rules?: Array<{ semver: string; rule: string; direction: string; executor: string; samples: { examples: number; generated: number } }>;
  refused?: { semver: string; check: string; code: number; message: string };
  /** Not dry-run: its new versions reference these, which the same push registers first. */
  awaits?: string[];
}

export const hasErrors = (report: CheckReport): boolean => report.findings.some((f) => f.severity === 'error');
