/**
 * The hostile requests of issue 13 that the soak interleaves with normal traffic: each must be
 * refused with a 4xx (never a 5xx), quickly, without disturbing the normal requests around it.
 */
export interface HostileCall {
  name: string;
  method: string;
  path: string;
  body?: unknown;
}

const ok = JSON.stringify({ type: 'string' });
const bigEnum = JSON.stringify({ enum: Array.from({ length: 15_000 }, (_, i) => `allowed-${i}`) });

export const hostileMix: HostileCall[] = [
  { name: 'NUL in metadata', method: 'POST', path: '/subjects/soak.Hostile/versions', body: { schema: ok, metadata: { properties: { owner: 'a\u0000b' } } } },
  { name: 'lone surrogate in an example', method: 'POST', path: '/subjects/soak.Hostile/versions', body: { schema: ok, examples: ['\ud800'] } },
  { name: 'NUL in a reference name', method: 'POST', path: '/subjects/soak.Hostile/versions', body: { schema: ok, references: [{ name: '\u0000', subject: 'soak.Subject0', version: 1 }] } },
  { name: 'NUL in compatibilityGroup', method: 'PUT', path: '/config/soak.Hostile', body: { compatibilityGroup: '\u0000' } },
  { name: 'NUL in an audit filter', method: 'GET', path: '/audit?subject=%00' },
  { name: '$ref loop through an anchor', method: 'POST', path: '/subjects/soak.Hostile/versions', body: { schema: JSON.stringify({ $ref: '#A', $defs: { a: { $anchor: 'A', $ref: '#A' } } }) } },
  { name: '$ref toString', method: 'POST', path: '/subjects/soak.Hostile/versions', body: { schema: JSON.stringify({ $ref: 'toString' }) } },
  { name: 'bidi override in a subject', method: 'POST', path: `/subjects/${encodeURIComponent('soak.\u202eHostile')}/versions`, body: { schema: ok } },
  { name: 'imported id beyond the id type', method: 'POST', path: '/subjects/soak.Hostile/versions', body: { schema: ok, id: 2_147_483_648, version: 1 } },
  { name: '15,000-value enum echoed', method: 'POST', path: '/subjects/soak.Hostile/versions', body: { schema: bigEnum, examples: ['not allowed'] } },
];
