/** What a file in a subject folder holds, keyed by the suffix after `<semver>.`. */
export type ContractFileKind = 'schema' | 'upgrade' | 'downgrade' | 'examples';

/** Suffixes a subject folder may hold; anything else is refused so typos do not go unnoticed. */
export const contractFileSuffixes: ReadonlyArray<[suffix: string, kind: ContractFileKind]> = [
  ['.schema.json', 'schema'],
  ['.upgrade.jsonata', 'upgrade'],
  ['.downgrade.jsonata', 'downgrade'],
  ['.examples.json', 'examples'],
];

export const subjectSettingsFile = 'subject.json';

/** Splits `1.1.0.upgrade.jsonata` into its semver and kind; undefined for unknown names. */
export function classifyContractFile(name: string): { semver: string; kind: ContractFileKind } | undefined {
  for (const [suffix, kind] of contractFileSuffixes) {
    if (name.endsWith(suffix) && name.length > suffix.length) return { semver: name.slice(0, -suffix.length), kind };
  }
  return undefined;
}

/** The file name a version's part is stored under. */
export function contractFileName(semver: string, kind: ContractFileKind): string {
  const entry = contractFileSuffixes.find(([, k]) => k === kind)!;
  return `${semver}${entry[0]}`;
}
