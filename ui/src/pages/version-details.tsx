import { api, seg } from '../api/http';
import type { SchemaVersion } from '../api/types';
import { ErrorBox } from '../components/error-box';
import { JsonBlock } from '../components/json-block';
import { Loading } from '../components/loading';
import { SchemaView } from '../components/schema-view';
import { useAsync } from '../state/use-async';

/** One version: its schema, migration rules, example events and metadata. */
export function VersionDetails({ subject, version }: { subject: string; version: number }) {
  const base = `/subjects/${seg(subject)}/versions/${version}`;
  const loaded = useAsync(
    () => Promise.all([api<SchemaVersion>('GET', `${base}?deleted=true`), api<unknown[]>('GET', `${base}/examples?deleted=true`)]),
    [subject, version],
  );
  if (loaded.error) return <ErrorBox error={loaded.error} />;
  if (!loaded.data) return <Loading what={`version ${version}`} />;
  const [body, examples] = loaded.data;
  const rules = body.ruleSet?.migrationRules ?? [];
  return (
    <section aria-labelledby="version-heading">
      <h2 id="version-heading">
        Version {body.semver} <span class="muted">(version {body.version}, schema id {body.id}{body.guid ? `, GUID ${body.guid}` : ''})</span>
        {body.deleted && <span class="badge deleted">soft-deleted</span>}
      </h2>
      <h3>Schema</h3>
      <SchemaView schema={JSON.parse(body.schema)} label={`Schema of ${body.semver}`} />
      <h3>Migration rules</h3>
      {rules.length === 0 ? (
        <p>None: this version is reached from the one before it without a rule, or it is the first.</p>
      ) : (
        rules.map((rule) => (
          <div key={rule.name} class="rule">
            <p>
              <strong>{rule.name}</strong> — {rule.mode} ({rule.type})
            </p>
            <pre class="json" tabIndex={0} role="region" aria-label={`Expression of rule ${rule.name}`}>
              {rule.expr}
            </pre>
          </div>
        ))
      )}
      <h3>Example events</h3>
      {examples.length === 0 ? <p>None were registered with this version.</p> : <JsonBlock value={examples} label={`Examples of ${body.semver}`} />}
      {body.ruleSet?.domainRules?.length ? (
        <>
          <h3>Domain rules</h3>
          <JsonBlock value={body.ruleSet.domainRules} label="Domain rules" />
        </>
      ) : null}
      {body.metadata && (
        <>
          <h3>Metadata</h3>
          <JsonBlock value={body.metadata} label="Metadata" />
        </>
      )}
    </section>
  );
}
