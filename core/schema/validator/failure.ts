/** Why no validator could be built for a schema: data, never a thrown ajv error. */
export interface ValidatorFailure {
  /**
   * - `invalid-schema`: not valid for its dialect's meta-schema, or ajv cannot compile it
   *   (a `$ref` that resolves nowhere, an identifier defined twice);
   * - `unsupported-pattern`: a `pattern` RE2 cannot run (lookarounds, backreferences);
   * - `too-expensive`: validating one event could take exponential time (see validation-cost.ts).
   */
  kind: 'invalid-schema' | 'unsupported-pattern' | 'too-expensive';
  message: string;
  cause?: unknown;
}
