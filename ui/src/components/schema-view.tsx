import { useMemo } from 'preact/hooks';
import { schemaLines, severityOf, type Severity } from './schema-lines';

const spoken: Record<Severity, string> = { breaking: 'breaking change: ', change: 'change: ', annotation: 'annotation change: ' };

/**
 * A schema, printed, with the lines under each changed JSON pointer marked — by colour and a bar
 * for sighted readers, by a spoken prefix for screen readers.
 */
export function SchemaView(props: { schema: unknown; label: string; changes?: ReadonlyArray<{ path: string; severity: Severity }> }) {
  const lines = useMemo(() => schemaLines(props.schema), [props.schema]);
  const changes = props.changes ?? [];
  return (
    <div class="code" role="region" aria-label={props.label} tabIndex={0}>
      {lines.map((line, i) => {
        const severity = changes.length ? severityOf(line.pointer, changes) : undefined;
        return (
          <div key={i} class={severity ? `line ${severity}` : 'line'} data-pointer={line.pointer} style={{ paddingLeft: `${line.depth * 2}ch` }}>
            {severity && <span class="sr-only">{spoken[severity]}</span>}
            {line.text}
          </div>
        );
      })}
    </div>
  );
}
