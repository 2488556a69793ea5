import type { MigrationTrace, ValidationError } from '../api/types';
import { JsonBlock } from '../components/json-block';

const headline: Record<MigrationTrace['outcome'], string> = {
  migrated: 'Migrated: the result is valid',
  'invalid-input': 'The event is not valid under its own version',
  'hop-failed': 'A hop failed',
  'invalid-output': 'The result is not valid under the target version',
};

function Errors({ errors }: { errors?: ValidationError[] }) {
  if (!errors?.length) return null;
  return (
    <ul class="errors">
      {errors.map((e, i) => (
        <li key={i}>
          <code>{e.instancePath || '/'}</code> {e.message ?? e.keyword}
        </li>
      ))}
    </ul>
  );
}

/** Each hop's rule and output, or where the chain stopped and why. */
export function TraceView({ trace, to }: { trace: MigrationTrace; to: string }) {
  return (
    <section aria-labelledby="trace-heading" class={trace.outcome === 'migrated' ? 'verdict ok' : 'verdict bad'}>
      <h2 id="trace-heading">{headline[trace.outcome]}</h2>
      <Errors errors={trace.input.valid ? undefined : trace.input.errors} />
      <ol class="hops">
        {trace.hops.map((hop) => (
          <li key={`${hop.from}-${hop.to}`}>
            <h3>
              {hop.from} → {hop.to}: {hop.rule ? `rule ${hop.rule}` : 'no rule (compatible versions)'}
            </h3>
            {hop.failure ? (
              <p class="error" role="alert">
                {hop.failure}
              </p>
            ) : (
              <>
                <p>{hop.valid ? `Output valid under ${hop.to}.` : `Output not valid under ${hop.to}:`}</p>
                <Errors errors={hop.errors} />
                <JsonBlock value={hop.output} label={`Output of ${hop.from} to ${hop.to}`} />
              </>
            )}
          </li>
        ))}
      </ol>
      {trace.outcome === 'invalid-output' && (
        <>
          <p>Validated against {to}:</p>
          <Errors errors={trace.errors} />
        </>
      )}
    </section>
  );
}
