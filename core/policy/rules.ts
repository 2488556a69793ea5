/**
 * The names of the policy's rules: the `policyRule` field of a registry refusal and the `check` of the
 * matching `charter check` finding. A client can rely on them; messages may change.
 */
export const policyRules = {
  'subject-name': 'the subject name is one the registry accepts (no control characters, /, \\ or %)',
  'semver-order': 'a new version is greater than the latest registered one (no back-patch after a later version)',
  'identical-schema': 'a schema already registered is not registered again under another semver',
  'compatible-within-major': "a version is compatible with the earlier versions of its major at the subject's level",
  'semver-bump': 'the declared semver bump is at least the one the change requires',
  'new-major-has-upgrade-rule': 'a new major carries an UPGRADE rule from the previous version',
  'rule-on-first-version': 'the first version of a subject carries no migration rule',
} as const;

export type PolicyRule = keyof typeof policyRules;
