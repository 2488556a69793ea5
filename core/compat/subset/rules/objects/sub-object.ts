import { isTrivialRef, K_ALL, K_OBJ, K_STR, refInfo, type Flat, type SRef } from '../../../normalize/index.js';
import { escapePointer } from '../../../document/index.js';
import { validateValue } from '../../../values.js';
import type { ChangeKind } from '../../../kinds.js';
import { sub } from '../../check.js';
import type { SubsetContext } from '../../context.js';
import { lenientNames } from '../../facts/lenient-names.js';
import { contentModel, effMaxProps, finiteKeys, keyValue } from '../../facts/object-keys.js';
import { falseConj } from '../../false-conj.js';
import { probe, rec } from '../../record.js';
import { facetChunks } from './facet-chunks.js';
import { pairMemo } from './pair-memo.js';
import { restCovered } from './rest-covered.js';
import { requiredRef, sameSchema } from './schema-refs.js';

export function subObject(fA: Flat, fB: Flat, path: string, depth: number, ctx: SubsetContext, lenientA: boolean): boolean {
  let ok = true;
  const stop = (): boolean => {
    ok = false;
    return !ctx.sink;
  };
  // required
  for (const k of fB.required) {
    if (fA.required.has(k)) continue;
    rec(ctx, 'REQUIRED_PROPERTY_ADDED', 'REQUIRED_PROPERTY_REMOVED', `${path}/required`, { key: k });
    if (stop()) return false;
  }
  // named properties
  const bRestConstrains = fB.facets.some((f) => f.patterns.length > 0 || (f.rest !== undefined && !isTrivialRef(f.rest)));
  // fast path for the common shape: one facet per side, no patterns
  const singleA = fA.facets.length === 1 && fA.facets[0].patterns.length === 0 ? fA.facets[0] : undefined;
  const singleB = fB.facets.length === 1 && fB.facets[0].patterns.length === 0 ? fB.facets[0] : undefined;
  const fast = singleA && singleB && !ctx.exhausted;
  const keys = new Set<string>();
  if (fast && singleA!.props.size > 32) {
    // Large objects: skip runs of properties identical on both sides (interned chunks). A skipped
    // key is declared alike by both, so neither side's additional-properties schema applies to it.
    const chunksA = facetChunks(singleA!);
    const chunksB = facetChunks(singleB!);
    for (const c of chunksB.list) if (!chunksA.ids.has(c.id)) for (const k of c.keys) keys.add(k);
    if (bRestConstrains) {
      for (const c of chunksA.list) if (!chunksB.ids.has(c.id)) for (const k of c.keys) keys.add(k);
      for (const k of fA.required) keys.add(k);
    }
    for (const k of fB.required) keys.add(k);
  } else {
    for (const f of fB.facets) for (const k of f.props.keys()) keys.add(k);
    if (bRestConstrains) {
      for (const f of fA.facets) for (const k of f.props.keys()) keys.add(k);
      for (const k of fA.required) keys.add(k);
    }
  }
  // A LENIENT writer also sends the names its conditionals and dependencies declare.
  if (bRestConstrains && lenientA) for (const k of lenientNames(fA) ?? []) keys.add(k);
  for (const k of keys) {
    let pa: SRef | undefined;
    let pb: SRef | undefined;
    if (fast) {
      pa = singleA!.props.get(k);
      pb = singleB!.props.get(k);
      if (pa && pb) {
        if (sameSchema(pa, pb)) continue;
        const ia = refInfo(pa);
        const ib = refInfo(pb);
        if (!ia.hasRef && !ib.hasRef && pairMemo(ctx, pa, pb)?.get(ia.id)?.get(ib.id) === true) continue;
      }
    }
    const b = keyValue(fB, k, 'B', false);
    if (b.refs.length === 0 && !b.absent) continue;
    const a = keyValue(fA, k, 'A', lenientA);
    if (a.absent) continue;
    const childPath = `${path}/properties/${escapePointer(k)}`;
    const target = b.absent ? falseConj : b.refs;
    const bothDeclared = a.declared && b.declared;
    const okKey = bothDeclared ? sub(a.refs, K_ALL, target, childPath, depth + 1, ctx) : probe(ctx, () => sub(a.refs, K_ALL, target, childPath, depth + 1, ctx));
    if (okKey && fast && pa && pb && pa === a.refs[0] && pb === b.refs[0] && a.refs.length === 1 && b.refs.length === 1) {
      const ia = refInfo(pa);
      const ib = refInfo(pb);
      const memo = !ia.hasRef && !ib.hasRef ? pairMemo(ctx, pa, pb) : undefined;
      if (memo) {
        let row = memo.get(ia.id);
        if (!row) memo.set(ia.id, (row = new Map()));
        row.set(ib.id, true);
      }
    }
    if (!okKey) {
      if (!bothDeclared) {
        const kindB: ChangeKind = !a.declared ? `PROPERTY_ADDED_TO_${contentModel(fA)}_CONTENT_MODEL` : `PROPERTY_REMOVED_FROM_${contentModel(fB)}_CONTENT_MODEL`;
        const kindF: ChangeKind = !a.declared ? `PROPERTY_REMOVED_FROM_${contentModel(fA)}_CONTENT_MODEL` : `PROPERTY_ADDED_TO_${contentModel(fB)}_CONTENT_MODEL`;
        rec(ctx, kindB, kindF, childPath, { key: k });
      }
      if (stop()) return false;
    }
  }
  // undeclared properties
  const aRestAbsent = lenientA || fA.facets.some((f) => f.model === 'closed');
  if (bRestConstrains && !aRestAbsent) {
    for (const fb of fB.facets) {
      if (!restCovered(fA, fb, path, depth, ctx) && stop()) return false;
    }
  }
  // counts
  const minA = Math.max(fA.minProps, fA.required.size);
  if (fB.minProps > minA) {
    rec(ctx, 'MIN_PROPERTIES_INCREASED', 'MIN_PROPERTIES_DECREASED', `${path}/minProperties`, { a: fA.minProps || undefined, b: fB.minProps });
    if (stop()) return false;
  }
  if (fB.maxProps !== undefined) {
    const mx = effMaxProps(fA, lenientA);
    if (mx === undefined || mx > fB.maxProps) {
      rec(ctx, 'MAX_PROPERTIES_DECREASED', 'MAX_PROPERTIES_INCREASED', `${path}/maxProperties`, { a: fA.maxProps, b: fB.maxProps });
      if (stop()) return false;
    }
  }
  // property names
  for (const pn of fB.propertyNames) {
    if (isTrivialRef(pn)) continue;
    let good = false;
    const keysA = finiteKeys(fA, lenientA);
    if (keysA) good = [...keysA].every((k) => validateValue(k, [pn]) === true);
    if (!good) good = fA.propertyNames.some((pa) => probe(ctx, () => sub([pa], K_STR, [pn], `${path}/propertyNames`, depth + 1, ctx)));
    if (!good) good = effMaxProps(fA, lenientA) === 0;
    if (!good) {
      rec(ctx, 'PROPERTY_NAMES_NARROWED', 'PROPERTY_NAMES_EXTENDED', `${path}/propertyNames`, {});
      if (stop()) return false;
    }
  }
  // dependencies
  for (const [k, list] of fB.depReq) {
    if (keyValue(fA, k, 'A', lenientA).absent) continue;
    const have = new Set([...fA.required, ...(fA.depReq.get(k) ?? [])]);
    const missing = list.filter((d) => !have.has(d));
    if (missing.length) {
      rec(ctx, 'DEPENDENT_REQUIRED_ADDED', 'DEPENDENT_REQUIRED_REMOVED', `${path}/dependentRequired/${escapePointer(k)}`, { key: k, a: fA.depReq.get(k), b: missing });
      if (stop()) return false;
    }
  }
  for (const [k, d] of fB.depSch) {
    if (isTrivialRef(d)) continue;
    if (keyValue(fA, k, 'A', lenientA).absent) continue;
    const own = fA.depSch.filter(([kk]) => kk === k).map(([, s]) => s);
    const p = `${path}/dependentSchemas/${escapePointer(k)}`;
    // Under LENIENT the writer's dependent schema alone would be read as "sends only what it
    // declares", forgetting the names the enclosing object declares (the oracle's counterexamples:
    // `unevaluatedProperties: false` added inside the reader's dependent schema, seeds 1296003567
    // and 1192114306). So under LENIENT it is compared with the whole object, whether or not the
    // enclosing object is itself read as closed (`lenientA`; with `additionalProperties` it is not,
    // yet its dependent schema alone would be). An identical dependent schema needs no comparison.
    let good = ctx.policy !== 'LENIENT' && own.length > 0 && probe(ctx, () => sub(own, K_ALL, [d], p, depth, ctx));
    if (!good) good = own.some((o) => sameSchema(o, d)) || probe(ctx, () => sub([...fA.atoms, requiredRef(k)], K_OBJ, [d], p, depth, ctx));
    if (!good) {
      rec(ctx, 'DEPENDENT_SCHEMA_ADDED', 'DEPENDENT_SCHEMA_REMOVED', p, { key: k });
      if (stop()) return false;
    }
  }
  return ok;
}
