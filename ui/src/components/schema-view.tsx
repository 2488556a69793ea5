import { useMemo } from 'preact/hooks';
import { schemaLines, severityLookup, type Severity } from './schema-lines';

const spoken: Record<Severity, string> = { breaking: 'breaking change: ', change: 'change: ', annotation: 'annotation change: ' };

/**
 * A schema, printed, with the lines under each changed JSON pointer marked — by colour and a bar
 * for sighted readers, by a spoken prefix for screen readers. Indentation is part of the text
 * (the lines keep white space), so a 1,000-property schema is a few thousand plain elements.
 */
export function SchemaView(props: { schema: unknown; label: string; changes?: ReadonlyArray<{ path: string; severity: Severity }> }) {
  const lines = useMemo(() => schemaLines(props.schema), [props.schema]);
  const severityOf = useMemo(() => severityLookup(props.changes ?? []), [props.changes]);
  return (
    <div class="code" role="region" aria-label={props.label} tabIndex={0}>
      {lines.map((line, i) => {
        const severity = severityOf(line.pointer);
        return severity ? (
          <div key={i} class={`line ${severity}`} data-pointer={line.pointer}>
            <span class="sr-only">{spoken[severity]}</span>
            {'  '.repeat(line.depth) + line.text}
          </div>
        ) : (
          <div key={i} class="line">
            {'  '.repeat(line.depth) + line.text}
          </div>
        );
      })}
    </div>
  );
}
