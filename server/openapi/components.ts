import type { SchemaObject } from 'openapi3-ts/oas31';

const obj = (properties: Record<string, SchemaObject>, required: string[] = []): SchemaObject => ({ type: 'object', properties, required });
const str: SchemaObject = { type: 'string' };
const int: SchemaObject = { type: 'integer' };
const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const reference = obj({ name: str, subject: str, version: int }, ['name', 'subject', 'version']);
const bool: SchemaObject = { type: 'boolean' };
const versionRef = obj({ version: int, semver: str, id: int });
const change = obj({ kind: str, path: str, breaksBackward: { type: 'boolean' }, breaksForward: { type: 'boolean' }, message: str });

/** The bodies the operations name, as JSON Schemas. */
export const componentSchemas: Record<string, SchemaObject> = {
  Any: {},
  Empty: obj({}),
  Text: str,
  Integer: int,
  Status: obj({ status: str }),
  StringList: { type: 'array', items: str },
  IntegerList: { type: 'array', items: int },
  ErrorBody: obj({ error_code: int, message: str }, ['error_code', 'message']),
  Reference: reference,
  RegisterRequest: obj({
    schema: { description: 'The JSON Schema, as a string (Confluent) or an object' },
    schemaType: { type: 'string', enum: ['JSON'] },
    references: { type: 'array', items: ref('Reference') },
    metadata: obj({ properties: { type: 'object', additionalProperties: str } }),
    ruleSet: obj({ migrationRules: { type: 'array', items: ref('MigrationRule') } }),
    semver: { type: 'string', description: 'Declared semver; inferred when omitted' },
    examples: { type: 'array', description: 'Example events of this version' },
    id: int,
    version: int,
  }, ['schema']),
  MigrationRule: obj({
    name: str,
    kind: { type: 'string', enum: ['TRANSFORM'] },
    type: { type: 'string', enum: ['JSONATA'] },
    mode: { type: 'string', enum: ['UPGRADE', 'DOWNGRADE', 'UPDOWN'] },
    expr: str,
    params: { type: 'object', additionalProperties: str },
  }, ['name', 'kind', 'type', 'mode', 'expr']),
  RegisterResponse: obj({
    id: { type: 'integer', description: 'Absent in a dry run when the schema is not stored yet' },
    version: int,
    semver: str,
    created: { type: 'boolean', description: 'Dry run: false when the identical schema is already this version' },
    dryRun: bool,
  }),
  BatchRequest: obj({
    versions: { type: 'array', items: ref('RegisterRequest'), minItems: 1, maxItems: 100, description: 'Oldest first; each is judged against the subject as the earlier ones leave it' },
    config: ref('ConfigUpdate'),
  }, ['versions']),
  BatchResponse: obj({
    dryRun: bool,
    results: { type: 'array', items: obj({ id: int, version: int, semver: str, created: bool }, ['version', 'semver', 'created']) },
  }, ['dryRun', 'results']),
  SchemaVersion: obj({
    subject: str, version: int, id: int, semver: str, schemaType: str, schema: str,
    references: { type: 'array', items: ref('Reference') }, metadata: { type: 'object' }, ruleSet: { type: 'object' },
  }),
  SchemaById: obj({ schema: str, schemaType: str, references: { type: 'array', items: ref('Reference') } }),
  SubjectVersionList: { type: 'array', items: obj({ subject: str, version: int, semver: str }) },
  Change: change,
  CompatibilityResponse: obj({
    is_compatible: { type: 'boolean' },
    messages: { type: 'array', items: str },
    changes: { type: 'array', items: ref('Change') },
    counterexample: { type: 'object' },
    semver: str,
  }, ['is_compatible']),
  Config: obj({
    compatibilityLevel: str, compatibility: str, compatibilityPolicy: { type: 'string', enum: ['STRICT', 'LENIENT'] },
    compatibilityGroup: str, normalize: { type: 'boolean' }, requireMigration: { type: 'boolean' },
  }),
  ConfigUpdate: obj({
    compatibility: { type: 'string', enum: ['NONE', 'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE'] },
    compatibilityPolicy: { type: 'string', enum: ['STRICT', 'LENIENT'] },
    compatibilityGroup: str, normalize: { type: 'boolean' }, requireMigration: { type: 'boolean' },
  }),
  Mode: obj({ mode: { type: 'string', enum: ['READWRITE', 'READONLY', 'READONLY_OVERRIDE', 'IMPORT'] } }, ['mode']),
  SemverList: { type: 'array', items: obj({ version: int, semver: str, id: int }) },
  EventBody: obj({ event: {} }, ['event']),
  ValidationResult: obj({ valid: { type: 'boolean' }, errors: { type: 'array', items: { type: 'object' } } }, ['valid']),
  UpcastRequest: obj({ event: {}, from: { type: ['string', 'integer'] }, to: { type: ['string', 'integer'] } }, ['event', 'from', 'to']),
  UpcastResponse: obj({ event: {}, from: { type: 'object' }, to: { type: 'object' } }),
  RangeMap: { type: 'object', additionalProperties: str },
  ConsumerDeclaration: obj({ group: str, subjects: { type: 'object', additionalProperties: str } }),
  ReaderList: { type: 'array', items: obj({ group: str, range: str, version: str }) },
  AuditPage: obj({ entries: { type: 'array', items: { type: 'object' } }, next: int }),
  AnyList: { type: 'array' },
  History: {
    type: 'array',
    items: obj({ version: int, semver: str, id: int, createdAt: str, deleted: bool, author: str, examples: int, rules: int }, ['version', 'semver', 'id', 'createdAt', 'deleted']),
  },
  VersionDiff: obj({
    subject: str, from: versionRef, to: versionRef, level: str,
    compatible: { type: 'boolean', description: 'No change breaks the subject level' },
    backward: { type: 'boolean', description: '`to` reads events written with `from`' },
    forward: { type: 'boolean', description: '`from` reads events written with `to`' },
    changes: { type: 'array', items: { allOf: [ref('Change'), obj({ breaksLevel: bool })] } },
    counterexamples: { type: 'array', items: obj({ direction: { type: 'string', enum: ['backward', 'forward'] }, writer: str, reader: str, event: {} }) },
    requiredBump: { type: 'string', enum: ['patch', 'minor', 'major'] },
  }, ['from', 'to', 'level', 'compatible', 'changes', 'counterexamples', 'requiredBump']),
  MigrationTrace: obj({
    from: versionRef, to: versionRef,
    outcome: { type: 'string', enum: ['migrated', 'invalid-input', 'hop-failed', 'invalid-output'] },
    input: obj({ valid: bool, errors: { type: 'array' } }),
    hops: { type: 'array', items: obj({ from: str, to: str, rule: str, output: {}, valid: bool, errors: { type: 'array' }, failure: str }) },
    event: {}, errors: { type: 'array' },
  }, ['outcome', 'hops']),
  Readability: obj({
    versions: { type: 'array', items: str },
    groups: { type: 'array', items: obj({
      group: str, range: str, target: str,
      versions: { type: 'array', items: obj({ semver: str, access: { type: 'string', enum: ['direct', 'migration', 'none'] }, reason: str }) },
    }) },
  }),
  Catalog: {
    type: 'array',
    items: obj({ subject: str, versions: int, deletedVersions: int, latest: versionRef, owner: str, compatibility: str }, ['subject', 'versions', 'compatibility']),
  },
  WhoAmI: obj({
    principal: str, authentication: bool,
    roles: { type: 'array', items: str },
    may: { type: 'object', additionalProperties: bool, description: 'Write actions by name (register, configureSubject …); subject-scoped ones only with ?subject=' },
  }, ['principal', 'authentication', 'roles', 'may']),
};
