import { refInfo, type Facet } from '../../../normalize/index.js';
import { internSequence, stringId } from '../../../document/index.js';

interface Chunks {
  list: Array<{ id: number; keys: string[] }>;
  ids: Set<number>;
}

const chunkCache = new WeakMap<Facet, Chunks>();

/**
 * A facet's properties cut into content-defined runs (a run ends after a key whose hash has its low
 * 4 bits zero), each interned over its (key, schema id, draft) triples. Two facets share a run id only when
 * every property in it is structurally identical; runs holding references never match.
 */
export function facetChunks(facet: Facet): Chunks {
  let c = chunkCache.get(facet);
  if (c) return c;
  const keys = [...facet.props.keys()].sort();
  c = { list: [], ids: new Set() };
  let run: string[] = [];
  let seq: number[] = [];
  let refFree = true;
  const flush = () => {
    if (!run.length) return;
    const id = refFree ? internSequence(seq) : -c!.list.length - 1;
    c!.list.push({ id, keys: run });
    if (refFree) c!.ids.add(id);
    run = [];
    seq = [];
    refFree = true;
  };
  for (const k of keys) {
    const prop = facet.props.get(k)!;
    const info = refInfo(prop);
    const kid = stringId(k);
    run.push(k);
    // the draft a property schema is read in is part of its meaning
    seq.push(kid, info.id, stringId(prop.doc.draft));
    if (info.hasRef) refFree = false;
    if ((Math.imul(kid, 0x9e3779b1) >>> 28) === 0) flush();
  }
  flush();
  chunkCache.set(facet, c);
  return c;
}
