
/*
 * Confluent contexts: a subject qualified as `:.team-a:order.OrderPlaced` lives in context
 * `.team-a`; an unqualified one in the default context `.`. The context alone, `:.team-a:`, names
 * the context's own config and mode.
 */
const QUALIFIED = /^:(\.[^:]*):(.*)$/su;
const CONTEXT_NAME = /^\.[A-Za-z0-9_.-]{1,100}$/;

export const DEFAULT_CONTEXT = '.';

/** The context a subject lives in, and its name within it. */
export function splitContext(subject: string): { context: string; name: string } {
  const match = QUALIFIED.exec(subject);
  return match ? { context: match[1], name: match[2] } : { context: DEFAULT_CONTEXT, name: subject };
}

/** The key a context's own config and mode are stored under (`:.team-a:`); none for the default context. */
export function contextSettingsKey(subject: string): string | undefined {
  const { context } = splitContext(subject);
  return context === DEFAULT_CONTEXT ? undefined : `:${context}:`;
}

/** True for `:.team-a:`, which names a context rather than a subject in it. */
export function isContextOnly(subject: string): boolean {
  return QUALIFIED.test(subject) && splitContext(subject).name === '';
}

/** Why a name starting with ':' is not a well-formed context-qualified one (`:team:x`, `:.a b:x`). */
export function contextNameProblem(subject: string): string | undefined {
  if (!subject.startsWith(':')) return undefined;
  const match = QUALIFIED.exec(subject);
  if (match && (match[1] === DEFAULT_CONTEXT || CONTEXT_NAME.test(match[1]))) return undefined;
  return (
    `Subject name '${subject.slice(0, 100)}' starts with ':' but is not a context-qualified name such as ':.team-a:orders-value' ` +
    '(a context is a dot followed by letters, digits, dots, dashes or underscores)'
  );
}
