import { gzipSync } from 'node:zlib';

/**
 * The hostile-request corpus: every entry must be refused with its 4xx and change nothing.
 * The suite registers `hostile.Existing` (orderPlacedV1) and `hostile.Pattern` first; `__CANARY__`
 * is replaced by the address of a local listener that must never see a connection.
 */
export interface HostileRequest {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** A string or bytes are sent as they are; anything else as JSON. */
  body?: unknown;
  status: number;
  errorCode: number;
}

const S = '/subjects/hostile.New/versions';
const existing = '/subjects/hostile.Existing';
const reg = (schema: unknown, extra: Record<string, unknown> = {}) => ({ schema: JSON.stringify(schema), ...extra });
const okSchema = JSON.stringify({ type: 'string' });
const rule = (extra: Record<string, unknown>) => ({ name: 'r', kind: 'TRANSFORM', type: 'JSONATA', mode: 'UPGRADE', expr: '$', ...extra });
const nest = (depth: number, open: string, close: string, inner = '1') => open.repeat(depth) + inner + close.repeat(depth);

/** Text that is not JSON, sent to every endpoint that takes a body. */
const brokenJson = [
  ['truncated object', '{"schema": '],
  ['single quotes', "{'schema': '{}'}"],
  ['trailing comma', '{"schema": "{}",}'],
  ['bare word', 'schema'],
  ['NaN literal', '{"schema": NaN}'],
  ['unterminated string', '{"schema": "{}'],
  ['a lone high surrogate escape then garbage', '{"schema": "\\ud800\\"}'],
  ['binary garbage', '\u0000\u0001\u0002\u00ff'],
  ['JSON with a comment', '{/* c */ "schema": "{}"}'],
  ['two documents', '{"schema": "{}"} {"schema": "{}"}'],
  ['whitespace only', '   '],
  ['a constructor.prototype pollution key', '{"constructor": {"prototype": {"admin": true}}, "schema": 1}'],
] as const;

const bodyEndpoints = [
  ['register', 'POST', S],
  ['lookup', 'POST', '/subjects/hostile.Existing'],
  ['compatibility', 'POST', '/compatibility/subjects/hostile.Existing/versions/latest'],
  ['global config', 'PUT', '/config'],
  ['subject config', 'PUT', '/config/hostile.Existing'],
  ['global mode', 'PUT', '/mode'],
  ['subject mode', 'PUT', '/mode/hostile.Existing'],
  ['consumers', 'PUT', '/consumers/hostile-group'],
  ['upcast', 'POST', `${existing}/upcast`],
  ['validate', 'POST', `${existing}/versions/1/validate`],
] as const;

// Confluent answers a mode body it cannot read with 42204 (invalid mode), whatever its shape.
const shapeRefusal = (where: string) => (where.endsWith('mode') ? { status: 422, errorCode: 42204 } : { status: 400, errorCode: 400 });
const invalidJson: HostileRequest[] = bodyEndpoints.flatMap(([where, method, path]) =>
  brokenJson.map(([what, body]) => ({ name: `${where}: ${what}`, method, path, body, ...(what === 'whitespace only' ? shapeRefusal(where) : { status: 400, errorCode: 400 }) })),
);

/** Bodies of the wrong shape altogether, for every endpoint that takes a body. */
const nonObjects: Array<[string, string]> = [['null', 'null'], ['a number', '42'], ['an array', '[{"schema":"{}"}]'], ['a string', '"{}"'], ['true', 'true']];
const wrongShape: HostileRequest[] = bodyEndpoints.flatMap(([where, method, path]) =>
  nonObjects.map(([what, body]) => ({ name: `${where}: a body that is ${what}`, method, path, body, ...shapeRefusal(where) })),
);

/** Every field of a registration body, with values of the wrong type. */
const registerFields: HostileRequest[] = [
  ...[null, 42, [], ['{}'], '', 'not json', '[]', '"str"', '12', 'null'].map((schema) => ({ name: `register: schema ${JSON.stringify(schema)}`, method: 'POST', path: S, body: { schema }, status: 422, errorCode: 42201 })),
  ...[null, 7, true, 'AVRO', 'json', ['JSON'], {}].map((schemaType) => ({ name: `register: schemaType ${JSON.stringify(schemaType)}`, method: 'POST', path: S, body: { schema: okSchema, schemaType }, status: 422, errorCode: 42201 })),
  ...['x', 7, true, {}, [1], [null], [{ name: 1, subject: 's', version: 1 }], [{ name: 'a', subject: 7, version: 1 }], [{ name: '', subject: 's', version: 1 }]].map((references) => ({ name: `register: references ${JSON.stringify(references)}`, method: 'POST', path: S, body: { schema: okSchema, references }, status: 422, errorCode: 42201 })),
  ...[{ name: 'a', subject: 'hostile.Existing', version: 'x' }, { name: 'a', subject: 'hostile.Existing', version: 0 }, { name: 'a', subject: 'hostile.Existing', version: 1.5 }].map((ref) => ({ name: `register: reference version ${JSON.stringify(ref.version)}`, method: 'POST', path: S, body: { schema: okSchema, references: [ref] }, status: 422, errorCode: 42202 })),
  { name: 'register: 101 references', method: 'POST', path: S, body: { schema: okSchema, references: Array.from({ length: 101 }, (_, i) => ({ name: `r${i}`, subject: 'hostile.Existing', version: 1 })) }, status: 422, errorCode: 42201 },
  { name: 'register: a repeated reference name', method: 'POST', path: S, body: { schema: okSchema, references: [{ name: 'a', subject: 'hostile.Existing', version: 1 }, { name: 'a', subject: 'hostile.Existing', version: 1 }] }, status: 422, errorCode: 42201 },
  ...['x', 7, true, [], { properties: 'x' }, { properties: { a: 1 } }, { properties: null }].map((metadata) => ({ name: `register: metadata ${JSON.stringify(metadata)}`, method: 'POST', path: S, body: { schema: okSchema, metadata }, status: 422, errorCode: 42201 })),
  ...['x', 7, true, [], { migrationRules: 'x' }, { migrationRules: {} }, { domainRules: 1 }, { migrationRules: [null] }, { migrationRules: [7] }].map((ruleSet) => ({ name: `register: ruleSet ${JSON.stringify(ruleSet)}`, method: 'POST', path: S, body: { schema: okSchema, ruleSet }, status: 422, errorCode: 42210 })),
  ...[{ name: 7 }, { name: '' }, { kind: 'CONDITION' }, { type: 'CEL' }, { mode: 'SIDEWAYS' }, { mode: 1 }, { expr: 7 }, { expr: '' }, { expr: null }].map((bad) => ({ name: `register: migration rule ${JSON.stringify(bad)}`, method: 'POST', path: S, body: { schema: okSchema, ruleSet: { migrationRules: [rule(bad)] } }, status: 422, errorCode: 42210 })),
  ...[7, true, 'v1', '1.0', '01.0.0', ['1.0.0'], {}].map((semver) => ({ name: `register: semver ${JSON.stringify(semver)}`, method: 'POST', path: S, body: { schema: okSchema, semver }, status: 422, errorCode: 42211 })),
  { name: 'register: metadata.properties.semver that is not semver', method: 'POST', path: S, body: { schema: okSchema, metadata: { properties: { semver: 'latest' } } }, status: 422, errorCode: 42211 },
  ...['x', 7, {}, true].map((examples) => ({ name: `register: examples ${JSON.stringify(examples)}`, method: 'POST', path: S, body: { schema: okSchema, examples }, status: 422, errorCode: 42201 })),
  { name: 'register: 1001 examples', method: 'POST', path: S, body: { schema: okSchema, examples: Array.from({ length: 1001 }, () => 'x') }, status: 422, errorCode: 42201 },
  { name: 'register: an example of the wrong type', method: 'POST', path: S, body: { schema: okSchema, examples: [1] }, status: 422, errorCode: 42212 },
  ...['x', 0, -1, 1.5, 2 ** 31, true, null].map((id) => ({ name: `register: id ${JSON.stringify(id)}`, method: 'POST', path: S, body: { schema: okSchema, id }, status: 422, errorCode: 42202 })),
  ...['x', 0, -5, 2.5, 2 ** 31, false].map((version) => ({ name: `register: version ${JSON.stringify(version)}`, method: 'POST', path: S, body: { schema: okSchema, version }, status: 422, errorCode: 42202 })),
];

/** Config, mode, consumers, upcast, validate and compatibility bodies, field by field. */
const settingsFields: HostileRequest[] = [
  ...['/config', '/config/hostile.Existing'].flatMap((path) => [
    ...[7, null, true, [], {}, 'BACK WARD', 'SIDEWAYS', ''].map((compatibility) => ({ name: `PUT ${path}: compatibility ${JSON.stringify(compatibility)}`, method: 'PUT', path, body: { compatibility }, status: 422, errorCode: 42203 })),
    ...[7, 'x', []].map((compatibilityLevel) => ({ name: `PUT ${path}: compatibilityLevel ${JSON.stringify(compatibilityLevel)}`, method: 'PUT', path, body: { compatibilityLevel }, status: 422, errorCode: 42203 })),
    ...[7, 'MAYBE'].map((compatibilityPolicy) => ({ name: `PUT ${path}: compatibilityPolicy ${JSON.stringify(compatibilityPolicy)}`, method: 'PUT', path, body: { compatibilityPolicy }, status: 422, errorCode: 42203 })),
    ...[7, true, [], {}].map((compatibilityGroup) => ({ name: `PUT ${path}: compatibilityGroup ${JSON.stringify(compatibilityGroup)}`, method: 'PUT', path, body: { compatibilityGroup }, status: 400, errorCode: 400 })),
    ...['true', 1, null, []].map((normalize) => ({ name: `PUT ${path}: normalize ${JSON.stringify(normalize)}`, method: 'PUT', path, body: { normalize }, status: 400, errorCode: 400 })),
    { name: `PUT ${path}: only unknown fields`, method: 'PUT', path, body: { nope: 1 }, status: 422, errorCode: 42203 },
  ]),
  ...['/mode', '/mode/hostile.Existing'].flatMap((path) =>
    [7, null, true, [], {}, 'READ_ONLY', 'WRITEONLY', ''].map((mode) => ({ name: `PUT ${path}: mode ${JSON.stringify(mode)}`, method: 'PUT', path, body: { mode }, status: 422, errorCode: 42204 })),
  ),
  ...[7, null, true, [], {}, 'newest', '>>1', '^^1'].map((range) => ({ name: `PUT /consumers: range ${JSON.stringify(range)}`, method: 'PUT', path: '/consumers/hostile-group', body: { 'hostile.Existing': range }, status: 422, errorCode: 42211 })),
  { name: 'PUT /consumers: a group name with a slash', method: 'PUT', path: '/consumers/a%2Fb', body: { 'hostile.Existing': '^1.0.0' }, status: 400, errorCode: 400 },
  { name: 'PUT /consumers: a group name with a newline', method: 'PUT', path: '/consumers/a%0Ab', body: { 'hostile.Existing': '^1.0.0' }, status: 400, errorCode: 400 },
  { name: 'PUT /consumers: a group name of 300 characters', method: 'PUT', path: `/consumers/${'g'.repeat(300)}`, body: { 'hostile.Existing': '^1.0.0' }, status: 400, errorCode: 400 },
  ...[{}, { event: {} }, { event: {}, from: 1 }, { event: {}, to: 1 }, { event: {}, from: [], to: 1 }, { event: {}, from: 1, to: {} }, { event: {}, from: true, to: 1 }, { event: {}, from: null, to: null }].map((body) => ({ name: `upcast: ${JSON.stringify(body)}`, method: 'POST', path: `${existing}/upcast`, body, status: 400, errorCode: 400 })),
  ...[{ event: {}, from: 'abc', to: 1 }, { event: {}, from: 1, to: -1 }, { event: {}, from: 1, to: 1.5 }].map((body) => ({ name: `upcast: version ${JSON.stringify(body)}`, method: 'POST', path: `${existing}/upcast`, body, status: 422, errorCode: 42202 })),
  { name: 'upcast: to an unknown version', method: 'POST', path: `${existing}/upcast`, body: { event: {}, from: 1, to: 9 }, status: 404, errorCode: 40402 },
  { name: 'upcast: an event that is invalid at its source version', method: 'POST', path: `${existing}/upcast`, body: { event: { orderId: 1 }, from: 1, to: 1 }, status: 422, errorCode: 42212 },
  ...[{}, { nope: 1 }, { events: [] }].map((body) => ({ name: `validate: ${JSON.stringify(body)}`, method: 'POST', path: `${existing}/versions/1/validate`, body, status: 400, errorCode: 400 })),
  { name: 'validate: an unknown version', method: 'POST', path: `${existing}/versions/9/validate`, body: { event: {} }, status: 404, errorCode: 40402 },
  { name: 'validate: a version that is not a number', method: 'POST', path: `${existing}/versions/x/validate`, body: { event: {} }, status: 422, errorCode: 42202 },
  ...[{}, { schema: 7 }, { schema: 'nope' }, { schema: okSchema, schemaType: 'AVRO' }, { schema: okSchema, references: 'x' }].map((body) => ({ name: `compatibility: ${JSON.stringify(body)}`, method: 'POST', path: '/compatibility/subjects/hostile.Existing/versions/latest', body, status: 422, errorCode: 42201 })),
  { name: 'compatibility: a version that is not a number', method: 'POST', path: '/compatibility/subjects/hostile.Existing/versions/x', body: { schema: okSchema }, status: 422, errorCode: 42202 },
  { name: 'compatibility: an unknown subject', method: 'POST', path: '/compatibility/subjects/hostile.Nope/versions/latest', body: { schema: okSchema }, status: 404, errorCode: 40401 },
];

/** Schemas that are valid JSON but hostile: unrunnable patterns, refs to the network, cycles, depth. */
const hostileSchemas: Array<[string, unknown]> = [
  ['a lookahead pattern', { type: 'string', pattern: '^(?=.*a)\\w+$' }],
  ['a negative lookahead pattern', { type: 'string', pattern: '^(?!admin).*$' }],
  ['a lookbehind pattern', { type: 'string', pattern: '(?<=a)b' }],
  ['a backreference pattern', { type: 'string', pattern: '^(a+)\\1$' }],
  ['a named backreference pattern', { type: 'string', pattern: '^(?<x>a)\\k<x>$' }],
  ['a lookahead in patternProperties', { type: 'object', patternProperties: { '^(?!x)': { type: 'string' } } }],
  ['a backreference in a nested property pattern', { properties: { a: { properties: { b: { pattern: '(.)\\1' } } } } }],
  ['an invalid pattern', { type: 'string', pattern: '(' }],
  ['a $ref to the canary over http', { $ref: '__CANARY__/schema.json' }],
  ['a $ref to the canary in a property', { properties: { a: { $ref: '__CANARY__/a.json#/x' } } }],
  ['a $dynamicRef to the canary', { $dynamicRef: '__CANARY__/d.json' }],
  ['a relative $ref against an $id on the canary', { $id: '__CANARY__/root.json', properties: { a: { $ref: 'other.json' } } }],
  ['a $ref to the cloud metadata address', { $ref: 'http://169.254.169.254/latest/meta-data/' }],
  ['a $ref to localhost', { $ref: 'http://localhost:5432/' }],
  ['a $ref to an IPv6 loopback', { $ref: 'http://[::1]:22/' }],
  ['a $ref to https', { $ref: 'https://example.com/schema.json' }],
  ['a $ref to file:///etc/passwd', { $ref: 'file:///etc/passwd' }],
  ['a $ref with path traversal', { $ref: '../../../../etc/passwd' }],
  ['a protocol-relative $ref', { $ref: '//evil.example/schema.json' }],
  ['a data: URL $ref', { $ref: 'data:application/json,{}' }],
  ['a $ref to a missing local definition', { $ref: '#/$defs/nope' }],
  ['a $ref cycle through $defs', { $ref: '#/$defs/a', $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } } }],
  ['a $ref to itself', { $defs: { a: { $ref: '#/$defs/a' } }, properties: { x: { $ref: '#/$defs/a' } } }],
  ['a root $ref to the root', { $ref: '#' }],
  ['a schema nested 300 levels deep', JSON.parse(nest(300, '{"items":', '}', '{}'))],
  ['a wrongly typed keyword deep inside', { properties: { a: { properties: { b: { minimum: 'zero' } } } } }],
  ['an unknown type', { type: 'strnig' }],
  ['required that is not an array', { type: 'object', required: 'id' }],
];
const schemaCases: HostileRequest[] = hostileSchemas.map(([what, schema]) => ({ name: `register: ${what}`, method: 'POST', path: S, body: reg(schema), status: 422, errorCode: 42201 }));
schemaCases.push(
  ...hostileSchemas.slice(0, 4).map(([what, schema]) => ({ name: `compatibility: ${what}`, method: 'POST', path: '/compatibility/subjects/hostile.Existing/versions/latest', body: reg(schema), status: 422, errorCode: 42201 })),
);

/** Rules that loop, explode or use regexes RE2 cannot run: refused when the version is registered. */
const existingV1 = { type: 'object', properties: { orderId: { type: 'string' }, customerId: { type: 'string' }, totalAmount: { type: 'number' } }, required: ['orderId', 'customerId', 'totalAmount'], additionalProperties: false };
const hostileRules: Array<[string, string]> = [
  ['endless recursion', '($f := function($x){ $f($x) }; $f(1))'],
  ['mutual recursion', '($a := function($x){ $b($x) }; $b := function($x){ $a($x) }; $a(1))'],
  ['a range of a hundred million', '[1..100000000]'],
  ['a padded string of a hundred million', '$pad("x", 100000000)'],
  ['an exploding join', '$join([1..10000000].$string($), ",")'],
  ['exponential recursion of bounded depth', '($f := function($n){ $n = 0 ? 0 : $f($n-1) + $f($n-1) }; $f(40))'],
  ['a nested map of ten billion steps', '$sum($map([1..100000], function($x){ $sum($map([1..100000], function($y){ $y })) }))'],
  ['a catastrophic regex over a long string', '$match($pad("", 100000, "a") & "!", /^(a+)+$/) ? {} : {}'],
  ['a lookahead regex in $match', '$match(orderId, /(?=a)/)'],
  ['a backreference regex in $replace', '$replace(orderId, /(a)\\1/, "b")'],
  ['a syntax error', '{ "orderId": '],
  ['an unknown function', '$nope(orderId)'],
];
const ruleCases: HostileRequest[] = hostileRules.map(([what, expr]) => ({
  name: `register: a migration rule with ${what}`,
  method: 'POST',
  path: `${existing}/versions`,
  body: reg({ ...existingV1, title: 'v2' }, { ruleSet: { migrationRules: [rule({ expr })] }, examples: [{ orderId: 'o1', customerId: 'c1', totalAmount: 1 }] }),
  status: 422,
  errorCode: 42210,
}));

/** Sizes and nesting of the body itself. */
const sizeCases: HostileRequest[] = [
  { name: 'a body over the limit', method: 'POST', path: S, body: JSON.stringify({ schema: JSON.stringify({ description: 'x'.repeat(300_000) }) }), status: 413, errorCode: 42209 },
  { name: 'a config body over the limit', method: 'PUT', path: '/config', body: JSON.stringify({ compatibility: 'x'.repeat(300_000) }), status: 413, errorCode: 42209 },
  { name: 'a body of 10,000 nested arrays', method: 'POST', path: S, body: `{"schema": ${nest(10_000, '[', ']')}}`, status: 400, errorCode: 400 },
  { name: 'a body of 10,000 nested objects in a consumer range', method: 'PUT', path: '/consumers/hostile-group', body: `{"hostile.Existing": ${nest(10_000, '{"a":', '}')}}`, status: 400, errorCode: 400 },
  { name: 'an event nested 600 levels deep', method: 'POST', path: `${existing}/versions/1/validate`, body: `{"event": ${nest(600, '{"a":', '}')}}`, status: 400, errorCode: 400 },
  { name: 'a schema object nested 300 levels deep', method: 'POST', path: S, body: { schema: JSON.parse(nest(300, '{"not":', '}', '{}')) }, status: 422, errorCode: 42201 },
  { name: 'a schema string of 100,000 nested arrays', method: 'POST', path: S, body: { schema: nest(100_000, '[', ']') }, status: 422, errorCode: 42201 },
];

/** Subject names with traversal, control characters and other garbage, on every subject route. */
const badSubjects: Array<[string, string]> = [
  ['an encoded ../ traversal', '..%2F..%2Fetc%2Fpasswd'],
  ['an encoded backslash traversal', '..%5C..%5Cwindows'],
  ['a NUL byte', 'a%00b'],
  ['a newline', 'a%0Ab'],
  ['a carriage return and header injection', 'a%0D%0ASet-Cookie:%20x'],
  ['an escape character', 'a%1B%5B31mred'],
  ['a DEL character', 'a%7F'],
  ['leading spaces', '%20%20name'],
  ['a subject of 256 characters', 's'.repeat(256)],
];
const subjectRoutes = [
  ['POST', '/subjects/{s}/versions', { schema: okSchema }],
  ['POST', '/subjects/{s}', { schema: okSchema }],
  ['PUT', '/config/{s}', { compatibility: 'NONE' }],
  ['PUT', '/mode/{s}', { mode: 'READONLY' }],
] as const;
const subjectCases: HostileRequest[] = subjectRoutes.flatMap(([method, pattern, body]) =>
  badSubjects.map(([what, subject]) => ({ name: `${method} ${pattern}: ${what}`, method, path: pattern.replace('{s}', subject), body, status: 422, errorCode: 42208 })),
);
subjectCases.push(
  { name: 'a raw ../ in the path', method: 'POST', path: '/subjects/../config', body: { compatibility: 'NONE' }, status: 404, errorCode: 404 },
  { name: 'DELETE of a traversal subject', method: 'DELETE', path: '/subjects/..%2F..%2Fetc', status: 422, errorCode: 42208 },
  { name: 'GET of a control-character subject', method: 'GET', path: '/subjects/a%0Ab/versions', status: 422, errorCode: 42208 },
  { name: 'a malformed percent escape', method: 'GET', path: '/subjects/a%zz/versions', status: 400, errorCode: 400 },
  { name: 'an escaped lone surrogate', method: 'POST', path: '/subjects/%ED%A0%80/versions', body: { schema: okSchema }, status: 400, errorCode: 400 },
  { name: 'a truncated percent escape', method: 'PUT', path: '/config/abc%E2%82', body: { compatibility: 'NONE' }, status: 400, errorCode: 400 },
);

/** Methods no route answers, and methods on the wrong route. */
const methodCases: HostileRequest[] = [
  ...['PATCH', 'PROPFIND', 'MKCOL', 'SEARCH', 'PURGE', 'LOCK'].map((method) => ({ name: `${method} /config`, method, path: '/config', body: { compatibility: 'NONE' }, status: 404, errorCode: 404 })),
  ...['PUT', 'PATCH'].map((method) => ({ name: `${method} /subjects/hostile.Existing/versions`, method, path: '/subjects/hostile.Existing/versions', body: { schema: okSchema }, status: 404, errorCode: 404 })),
  { name: 'DELETE /schemas/ids/1', method: 'DELETE', path: '/schemas/ids/1', status: 404, errorCode: 404 },
  { name: 'POST /audit', method: 'POST', path: '/audit', body: {}, status: 404, errorCode: 404 },
  { name: 'DELETE /healthz', method: 'DELETE', path: '/healthz', status: 404, errorCode: 404 },
];

/** Headers and query strings. */
const headerCases: HostileRequest[] = [
  // Every body is read as JSON whatever its declared type (content-types.ts): these are not JSON.
  { name: 'a text/plain body', method: 'PUT', path: '/config', headers: { 'content-type': 'text/plain' }, body: 'compatibility: NONE', status: 400, errorCode: 400 },
  { name: 'an XML body', method: 'POST', path: S, headers: { 'content-type': 'application/xml' }, body: '<schema/>', status: 400, errorCode: 400 },
  { name: 'a form body', method: 'PUT', path: '/mode', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'mode=READONLY', status: 400, errorCode: 400 },
  { name: 'a gzipped body', method: 'PUT', path: '/config', headers: { 'content-encoding': 'gzip' }, body: gzipSync('{"compatibility":"NONE"}'), status: 400, errorCode: 400 },
  ...['deleted=yes', 'deleted=1&deleted=2', 'deleted=true%00'].map((q) => ({ name: `GET /subjects?${q}`, method: 'GET', path: `/subjects?${q}`, status: 400, errorCode: 400 })),
  ...['limit=-1', 'limit=1e9', 'limit=abc', 'limit=1001', 'before=abc', 'before=-5', 'limit=%00'].map((q) => ({ name: `GET /audit?${q}`, method: 'GET', path: `/audit?${q}`, status: 400, errorCode: 400 })),
  { name: 'force that is not a boolean', method: 'PUT', path: '/mode?force=maybe', body: { mode: 'IMPORT' }, status: 400, errorCode: 400 },
  { name: 'permanent that is not a boolean', method: 'DELETE', path: '/subjects/hostile.Existing?permanent=please', status: 400, errorCode: 400 },
  { name: 'a schema id past int32', method: 'GET', path: '/schemas/ids/99999999999', status: 404, errorCode: 40403 },
  { name: 'a negative schema id', method: 'GET', path: '/schemas/ids/-1', status: 404, errorCode: 40403 },
  { name: 'a version of 300 digits', method: 'GET', path: `${existing}/versions/${'9'.repeat(300)}`, status: 422, errorCode: 42202 },
  { name: 'DELETE of version 0', method: 'DELETE', path: `${existing}/versions/0`, status: 422, errorCode: 42202 },
  { name: 'DELETE of version garbage', method: 'DELETE', path: `${existing}/versions/%00`, status: 422, errorCode: 42202 },
];

/** Text PostgreSQL cannot store, in every field that reaches it (issue 13): 400, never a 500. */
const unstorable: HostileRequest[] = (
  [
    ['NUL', '\u0000'],
    ['a lone surrogate', '\ud800'],
  ] as const
).flatMap(([what, bad]) => [
  { name: `${what} in a metadata property`, method: 'POST', path: S, body: { schema: okSchema, metadata: { properties: { owner: bad } } }, status: 400, errorCode: 400 },
  { name: `${what} in an example`, method: 'POST', path: S, body: { schema: okSchema, examples: [bad] }, status: 400, errorCode: 400 },
  { name: `${what} in a reference name`, method: 'POST', path: S, body: { schema: okSchema, references: [{ name: bad, subject: 'hostile.Existing', version: 1 }] }, status: 400, errorCode: 400 },
  { name: `${what} in a rule set`, method: 'POST', path: S, body: { schema: okSchema, ruleSet: { migrationRules: [rule({ name: bad })] } }, status: 400, errorCode: 400 },
  { name: `${what} in compatibilityGroup`, method: 'PUT', path: '/config/hostile.Existing', body: { compatibilityGroup: bad }, status: 400, errorCode: 400 },
  { name: `${what} in a consumer declaration`, method: 'PUT', path: '/consumers/hostile-group', body: { [bad]: '^1.0.0' }, status: 400, errorCode: 400 },
]);

/** `$ref`s that cannot be followed, and names that spoof others (issue 13). */
const refAndNameCases: HostileRequest[] = [
  { name: 'register: a $ref loop through an $anchor', method: 'POST', path: S, body: reg({ $ref: '#A', $defs: { a: { $anchor: 'A', $ref: '#A' } } }), status: 422, errorCode: 42201 },
  ...['toString', '__proto__', 'constructor'].map((ref) => ({ name: `register: $ref "${ref}"`, method: 'POST', path: S, body: reg({ $ref: ref }), status: 422, errorCode: 42201 })),
  ...['\u0085', '\u202e', '\u200b', '\ufeff', '\u2066'].map((c) => ({
    name: `register: subject holding U+${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`,
    method: 'POST',
    path: `/subjects/${encodeURIComponent(`hostile.${c}Spoof`)}/versions`,
    body: { schema: okSchema },
    status: 422,
    errorCode: 42208,
  })),
  { name: 'audit: a NUL in a filter', method: 'GET', path: '/audit?subject=a%00b', status: 400, errorCode: 400 },
  { name: 'subjects: a NUL in subjectPrefix', method: 'GET', path: '/subjects?subjectPrefix=%00', status: 400, errorCode: 400 },
  { name: 'register: an imported id beyond the id type', method: 'POST', path: S, body: { schema: okSchema, id: 2_147_483_648, version: 1 }, status: 422, errorCode: 42202 },
];

export const hostileRequests: HostileRequest[] = [
  ...unstorable,
  ...refAndNameCases,
  ...invalidJson,
  ...wrongShape,
  ...registerFields,
  ...settingsFields,
  ...schemaCases,
  ...ruleCases,
  ...sizeCases,
  ...subjectCases,
  ...methodCases,
  ...headerCases,
];
