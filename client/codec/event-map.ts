import type { Envelope } from './envelope.js';

/**
 * Types that tie the SDK to a generated `EventMap` (see codegen's `event-map.ts`). An event map
 * names each subject's latest envelope and every version's envelope by semver:
 *
 *   interface EventMap {
 *     'order.OrderPlaced': { latest: OrderPlacedV2_0_0Envelope; versions: { '1.0.0': …; '1.1.0': …; '2.0.0': … } };
 *   }
 *
 * A hand-written map may also give each subject its envelope directly (`'order.OrderPlaced': MyEnvelope`).
 * Pure types: nothing here exists at run time.
 */

/**
 * The default type parameter of `EventCodec`, `Publisher` and `Subscriber`: no event map, so a
 * subject is any string and data is whatever the caller passes (the SDK as it was before codegen).
 */
// Empty on purpose: "no subjects known" is exactly `{}`, and a map with subjects is not assignable from it.
export interface Untyped {}

/** One subject of an event map: its latest envelope, and every version's envelope by semver. */
export interface SubjectEvents<Latest = Envelope, Versions = Record<string, Envelope>> {
  latest: Latest;
  versions: Versions;
}

/** `X` when `M` names no subject (the untyped SDK), `never` otherwise: gates the untyped overloads. */
export type IfUntyped<M, X> = Untyped extends M ? X : never;

/** `X` when `M` is an event map with subjects, `never` otherwise: gates the typed overloads. */
export type IfTyped<M, X> = Untyped extends M ? never : X;

/** The subjects of an event map. */
export type SubjectOf<M> = keyof M & string;

/** The latest envelope of subject `S`: what a producer writes by default. */
export type LatestEvent<M, S extends keyof M> = M[S] extends { latest: infer L; versions: unknown } ? L : M[S];

/** Every version's envelope of subject `S`, keyed by semver. */
export type VersionsOf<M, S extends keyof M> = M[S] extends { latest: unknown; versions: infer V }
  ? V
  : { [Semver in SemverOfEnvelope<M[S]>]: M[S] };

/** The semvers of subject `S` the map knows. */
export type SemverOf<M, S extends keyof M> = keyof VersionsOf<M, S> & string;

/** The envelope of subject `S` in any version of the map. */
export type AnyVersionEvent<M, S extends keyof M> = VersionsOf<M, S>[SemverOf<M, S>];

/** Any envelope of any subject and version of the map. */
export type AnyEventOf<M> = { [S in SubjectOf<M>]: AnyVersionEvent<M, S> }[SubjectOf<M>];

/**
 * The envelopes a reader of `Range` receives for subject `S` (or for each subject of a union): the
 * versions whose semver the range accepts, after migration. Without a range the writer's own
 * version is kept, so every version is possible.
 */
export type AcceptedEvent<M, S extends keyof M, Range extends string | undefined> = S extends keyof M
  ? Range extends string
    ? { [V in SemverOf<M, S>]: Accepts<Range, V> extends true ? VersionsOf<M, S>[V] : never }[SemverOf<M, S>]
    : AnyVersionEvent<M, S>
  : never;

/**
 * Whether a semver range accepts a version, at the type level. Approximate by design, and always
 * on the wide side (a handler may be asked to handle a version the range excludes, never the
 * reverse): `^X.y.z` and `X.x` accept every `X.*` (`^0.Y.z` every `0.Y.*`), `~X.Y.z` and `X.Y.x`
 * every `X.Y.*`, an exact semver itself; comparators, hyphen ranges, `||` and a range only known as
 * `string` accept everything. Prerelease tags are not compared.
 */
export type Accepts<Range extends string, Version extends string> =
  string extends Range ? true
  : Range extends `${string} ${string}` ? true // comparator sets, hyphen ranges, `||`: not modelled
  : Range extends `^0.${infer Minor}.${string}` ? StartsWith<Version, `0.${Minor}.`>
  : Range extends `^${infer Major}.${string}` ? StartsWith<Version, `${Major}.`>
  : Range extends `^${infer Major}` ? StartsWith<Version, `${Major}.`>
  : Range extends `~${infer Major}.${infer Minor}.${string}` ? StartsWith<Version, `${Major}.${Minor}.`>
  : Range extends `~${infer Major}.${infer Minor}` ? StartsWith<Version, `${Major}.${Minor}.`>
  : Range extends `~${infer Major}` ? StartsWith<Version, `${Major}.`>
  : Range extends `${infer Major}.${Wildcard}.${Wildcard}` ? StartsWith<Version, `${Major}.`>
  : Range extends `${infer Major}.${infer Minor}.${Wildcard}` ? StartsWith<Version, `${Major}.${Minor}.`>
  : Range extends `${infer Major}.${Wildcard}` ? StartsWith<Version, `${Major}.`>
  : Range extends `${number}.${number}.${number}` | `${number}.${number}.${number}-${string}` ? (Version extends Range ? true : false)
  : Range extends `${number}.${number}` | `${number}` ? StartsWith<Version, `${Range}.`>
  : true;

type Wildcard = 'x' | 'X' | '*';

type StartsWith<Text extends string, Prefix extends string> = Text extends `${Prefix}${string}` ? true : false;

type SemverOfEnvelope<E> = E extends { schema: { version: infer V extends string } } ? V : string;

/** The data of an envelope type. */
export type DataOf<E> = E extends { data: infer D } ? D : never;

/** One handler per subject of the map, each given the latest envelope; leaving one out is a compile error. */
export type Handlers<M> = { [S in keyof M]: (event: LatestEvent<M, S>) => void | Promise<void> };
