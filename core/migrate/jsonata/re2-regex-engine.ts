import type { RE2JS } from 're2js';
import { RegistryError } from '../../errors/index.js';
import { compileRe2 } from '../../schema/re2-regexp.js';

/**
 * JSONata's `RegexEngine` option, backed by RE2. A rule's regex (`$match(s, /^(a+)+$/)`) runs
 * inside one native call that JSONata's timeout check cannot interrupt, so on V8's backtracking
 * engine a hostile rule would hang registration (verification) and every `/upcast`. On RE2 the
 * call is linear in the input, so the per-event time bound holds. We chose this over running
 * verification in a killable worker: the same rules also run on the request path and in clients,
 * where a worker per event is not affordable, and RE2 removes the hazard rather than containing it.
 *
 * JSONata builds a native RegExp (flags + `g`) at parse time and hands it to this constructor; it
 * then drives `lastIndex` and `exec` like a global RegExp.
 */
export class Re2RegexEngine {
  lastIndex = 0;
  private readonly re: RE2JS;

  constructor(source: RegExp) {
    this.re = compileRe2(source.source, source.flags);
  }

  exec(input: string): RegExpExecArray | null {
    const matcher = this.re.matcher(input);
    if (this.lastIndex > input.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: string[] = [];
    // Unmatched groups are `undefined` in a native match, `null` in RE2JS.
    for (let i = 0; i <= matcher.groupCount(); i++) groups.push(matcher.group(i) ?? (undefined as unknown as string));
    const match = Object.assign(groups, { index: matcher.start(), input }) as unknown as RegExpExecArray;
    this.lastIndex = matcher.end();
    return match;
  }
}

/**
 * Refuses, at registration, a rule whose regex RE2 cannot run (lookarounds, backreferences):
 * better a clear 42210 now than a rule that fails on every event later.
 */
export function assertRe2Regexes(ast: unknown): void {
  const stack: unknown[] = [ast];
  let visited = 0;
  while (stack.length > 0 && visited++ < 100_000) {
    const node = stack.pop();
    if (node instanceof RegExp) {
      try {
        compileRe2(node.source, node.flags);
      } catch (error) {
        throw new RegistryError('INVALID_RULESET', `regex /${node.source.slice(0, 200)}/: ${(error as Error).message}`, {}, { cause: error });
      }
    } else if (node !== null && typeof node === 'object') {
      stack.push(...Object.values(node));
    }
  }
}
