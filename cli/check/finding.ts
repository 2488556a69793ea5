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
}

/** A subject's new versions as the registry judged them in a dry run: all accepted, or the first refused. */
export interface RegistryVerdict {
  subject: string;
  accepted?: string[];
  refused?: { semver: string; check: string; code: number; message: string };
}

export const hasErrors = (report: CheckReport): boolean => report.findings.some((f) => f.severity === 'error');
