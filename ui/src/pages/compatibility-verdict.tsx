import type { CompatibilityAnswer } from '../api/types';
import { ChangeTable } from '../components/change-table';
import { JsonBlock } from '../components/json-block';

const nextMajor = (semver: string) => `${Number(semver.split('.')[0]) + 1}.0.0`;

/** What `POST /compatibility/…?verbose=true` said about a candidate, in words. */
export function CompatibilityVerdict({ answer, latest }: { answer: CompatibilityAnswer; latest: string }) {
  const changes = answer.changes ?? [];
  return (
    <section aria-labelledby="playground-verdict" class={answer.is_compatible ? 'verdict ok' : 'verdict bad'} aria-live="polite">
      <h2 id="playground-verdict">{answer.is_compatible ? 'Compatible' : 'Incompatible'} under the subject's level</h2>
      <p>
        {answer.is_compatible
          ? answer.semver
            ? `It would be registered as ${answer.semver}.`
            : 'It is compatible, but the declared semver would be refused at registration.'
          : `As a change within ${latest.split('.')[0]}.x it would be refused: publish it as a new major (${nextMajor(latest)}) with an upgrade rule.`}
      </p>
      {answer.messages && answer.messages.length > 0 && (
        <ul>
          {answer.messages.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
      <ChangeTable changes={changes} caption="Changes against the latest version" />
      {answer.counterexample && (
        <>
          <h3>Counterexample ({answer.counterexample.direction})</h3>
          <JsonBlock value={answer.counterexample.event} label="Counterexample event" />
        </>
      )}
    </section>
  );
}
