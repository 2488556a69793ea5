/**
 * Every HTTP operation of the registry, as data: the OpenAPI document is built from this list, and
 * a test checks it against fastify's route table so neither can drift from the other.
 */
export interface OperationSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path template (`{subject}`), the same routes fastify serves as `:subject`. */
  path: string;
  summary: string;
  tag: 'subjects' | 'schemas' | 'compatibility' | 'config' | 'mode' | 'charter' | 'operations';
  query?: string[];
  body?: string;
  response: string;
}

export const operations: OperationSpec[] = [
  { method: 'get', path: '/', summary: 'Root (Confluent compatibility)', tag: 'operations', response: 'Empty' },
  { method: 'get', path: '/healthz', summary: 'Liveness probe', tag: 'operations', response: 'Status' },
  { method: 'get', path: '/readyz', summary: 'Readiness probe: the store answers', tag: 'operations', response: 'Status' },
  { method: 'get', path: '/metrics', summary: 'Prometheus metrics', tag: 'operations', response: 'Text' },
  { method: 'get', path: '/openapi.json', summary: 'This document', tag: 'operations', response: 'Any' },
  { method: 'get', path: '/subjects', summary: 'List subjects', tag: 'subjects', query: ['subjectPrefix', 'deleted'], response: 'StringList' },
  { method: 'post', path: '/subjects/{subject}', summary: 'Is this schema registered under the subject?', tag: 'subjects', query: ['normalize', 'deleted'], body: 'RegisterRequest', response: 'SchemaVersion' },
  { method: 'delete', path: '/subjects/{subject}', summary: 'Delete a subject (soft, or permanent after soft)', tag: 'subjects', query: ['permanent'], response: 'IntegerList' },
  { method: 'get', path: '/subjects/{subject}/versions', summary: 'List version numbers', tag: 'subjects', query: ['deleted'], response: 'IntegerList' },
  { method: 'post', path: '/subjects/{subject}/versions', summary: 'Register a schema (compatibility and semver enforced); with dryRun=true, only judge it', tag: 'subjects', query: ['normalize', 'dryRun'], body: 'RegisterRequest', response: 'RegisterResponse' },
  { method: 'post', path: '/subjects/{subject}/versions/batch', summary: 'Register several versions and the subject config, all or nothing (dryRun=true: only judge them)', tag: 'subjects', query: ['normalize', 'dryRun'], body: 'BatchRequest', response: 'BatchResponse' },
  { method: 'get', path: '/subjects/{subject}/versions/{version}', summary: 'Get a version (integer, latest or semver)', tag: 'subjects', query: ['deleted'], response: 'SchemaVersion' },
  { method: 'delete', path: '/subjects/{subject}/versions/{version}', summary: 'Delete a version (soft, or permanent after soft)', tag: 'subjects', query: ['permanent'], response: 'Integer' },
  { method: 'get', path: '/subjects/{subject}/versions/{version}/schema', summary: 'The raw schema of a version', tag: 'subjects', query: ['deleted'], response: 'Any' },
  { method: 'get', path: '/subjects/{subject}/versions/{version}/referencedby', summary: 'Ids of schemas referencing this version', tag: 'subjects', response: 'IntegerList' },
  { method: 'get', path: '/subjects/{subject}/metadata', summary: 'Latest version with these metadata properties', tag: 'subjects', query: ['key', 'value'], response: 'SchemaVersion' },
  { method: 'get', path: '/schemas/ids/{id}', summary: 'Schema by global id', tag: 'schemas', response: 'SchemaById' },
  { method: 'get', path: '/schemas/ids/{id}/schema', summary: 'Raw schema by global id', tag: 'schemas', response: 'Any' },
  { method: 'get', path: '/schemas/ids/{id}/subjects', summary: 'Subjects using a schema id', tag: 'schemas', query: ['deleted'], response: 'StringList' },
  { method: 'get', path: '/schemas/ids/{id}/versions', summary: 'Subject versions using a schema id', tag: 'schemas', query: ['deleted'], response: 'SubjectVersionList' },
  { method: 'get', path: '/schemas/types', summary: 'Supported schema types', tag: 'schemas', response: 'StringList' },
  { method: 'post', path: '/compatibility/subjects/{subject}/versions', summary: 'Check against the versions the level names', tag: 'compatibility', query: ['verbose', 'normalize'], body: 'RegisterRequest', response: 'CompatibilityResponse' },
  { method: 'post', path: '/compatibility/subjects/{subject}/versions/{version}', summary: 'Check against one version', tag: 'compatibility', query: ['verbose', 'normalize'], body: 'RegisterRequest', response: 'CompatibilityResponse' },
  { method: 'get', path: '/config', summary: 'Global config', tag: 'config', response: 'Config' },
  { method: 'put', path: '/config', summary: 'Update global config', tag: 'config', body: 'ConfigUpdate', response: 'Config' },
  { method: 'delete', path: '/config', summary: 'Reset global config', tag: 'config', response: 'Config' },
  { method: 'get', path: '/config/{subject}', summary: 'Subject config', tag: 'config', query: ['defaultToGlobal'], response: 'Config' },
  { method: 'put', path: '/config/{subject}', summary: 'Update subject config', tag: 'config', body: 'ConfigUpdate', response: 'Config' },
  { method: 'delete', path: '/config/{subject}', summary: 'Remove subject config', tag: 'config', response: 'Config' },
  { method: 'get', path: '/mode', summary: 'Global mode', tag: 'mode', response: 'Mode' },
  { method: 'put', path: '/mode', summary: 'Set global mode', tag: 'mode', query: ['force'], body: 'Mode', response: 'Mode' },
  { method: 'delete', path: '/mode', summary: 'Reset global mode', tag: 'mode', response: 'Mode' },
  { method: 'get', path: '/mode/{subject}', summary: 'Subject mode', tag: 'mode', query: ['defaultToGlobal'], response: 'Mode' },
  { method: 'put', path: '/mode/{subject}', summary: 'Set subject mode', tag: 'mode', query: ['force'], body: 'Mode', response: 'Mode' },
  { method: 'delete', path: '/mode/{subject}', summary: 'Remove subject mode', tag: 'mode', response: 'Mode' },
  { method: 'get', path: '/subjects/{subject}/semvers', summary: 'Version numbers, semvers and ids', tag: 'charter', response: 'SemverList' },
  { method: 'post', path: '/subjects/{subject}/versions/{version}/validate', summary: 'Validate an event against a version', tag: 'charter', body: 'EventBody', response: 'ValidationResult' },
  { method: 'post', path: '/subjects/{subject}/upcast', summary: 'Migrate an event between versions', tag: 'charter', body: 'UpcastRequest', response: 'UpcastResponse' },
  { method: 'get', path: '/subjects/{subject}/readers', summary: 'Consumer groups reading the subject', tag: 'charter', response: 'ReaderList' },
  { method: 'get', path: '/consumers', summary: 'All consumer declarations', tag: 'charter', response: 'Any' },
  { method: 'get', path: '/consumers/{group}', summary: 'What a consumer group reads', tag: 'charter', response: 'ConsumerDeclaration' },
  { method: 'put', path: '/consumers/{group}', summary: 'Declare what a consumer group reads', tag: 'charter', body: 'RangeMap', response: 'ConsumerDeclaration' },
  { method: 'delete', path: '/consumers/{group}', summary: 'Remove a consumer declaration', tag: 'charter', response: 'Any' },
  { method: 'get', path: '/audit', summary: 'Audit log, newest first', tag: 'charter', query: ['before', 'limit', 'subject'], response: 'AuditPage' },
  { method: 'get', path: '/subjects/{subject}/history', summary: 'Version timeline: semver, id, date, author, soft deletes', tag: 'charter', response: 'History' },
  { method: 'get', path: '/subjects/{subject}/versions/{version}/examples', summary: 'Example events sent with a version', tag: 'charter', query: ['deleted'], response: 'AnyList' },
  { method: 'get', path: '/subjects/{subject}/diff', summary: 'Semantic diff of two versions under the subject level', tag: 'charter', query: ['from', 'to', 'deleted', 'counterexamples'], response: 'VersionDiff' },
  { method: 'post', path: '/subjects/{subject}/upcast/trace', summary: 'Migrate an event hop by hop, showing each output', tag: 'charter', body: 'UpcastRequest', response: 'MigrationTrace' },
  { method: 'get', path: '/subjects/{subject}/readability', summary: 'Which consumer groups read each version, and how', tag: 'charter', response: 'Readability' },
  { method: 'get', path: '/catalog', summary: 'Every subject with counts, latest version, owner and level', tag: 'charter', query: ['deleted'], response: 'Catalog' },
  { method: 'get', path: '/whoami', summary: 'The caller, its roles and the write actions it may make', tag: 'charter', query: ['subject'], response: 'WhoAmI' },
  { method: 'get', path: '/ui', summary: 'The console (HTML)', tag: 'operations', response: 'Text' },
  { method: 'get', path: '/ui/{file}', summary: 'A console file (the page itself for unknown names)', tag: 'operations', response: 'Text' },
  { method: 'get', path: '/ui/assets/{file}', summary: 'A console script, style or image', tag: 'operations', response: 'Text' },
];
