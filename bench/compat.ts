/**
 * Compatibility engine benchmark.
 *  - pair: two 1,000-property schemas (nested objects and arrays), BACKWARD check with its diff;
 *  - transitive: FULL_TRANSITIVE of a new version against 1,000 earlier versions.
 * Every schema is a separately parsed JSON document, as the registry would hold them. "cold" is the
 * first check of fresh documents; "warm" repeats it (the per-document normal forms are cached).
 */
import { checkCompatibility, type JsonSchema } from '../core/compat/index.js';
import { loadavg } from 'node:os';
import { runOverHttp } from './compat-http.js';

const PROPS = 1000;

function baseProperty(i: number): Record<string, unknown> {
  switch (i % 6) {
    case 0:
      return { type: 'string', maxLength: 64 + (i % 7), description: `property ${i}` };
    case 1:
      return { type: 'integer', minimum: 0, maximum: 1000 };
    case 2:
      return { enum: ['a', 'b', 'c', `v${i}`] };
    case 3:
      return {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          amount: { type: 'number', minimum: 0 },
          currency: { type: 'string', pattern: '^[A-Z]{3}$' },
          tags: { type: 'array', items: { type: 'string' }, maxItems: 10 },
          note: { type: ['string', 'null'] },
        },
        required: ['id', 'amount'],
        additionalProperties: false,
      };
    case 4:
      return {
        type: 'array',
        items: {
          type: 'object',
          properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 }, price: { type: 'number' } },
          required: ['sku', 'qty'],
          additionalProperties: false,
        },
        maxItems: 100,
      };
    default:
      return { type: ['boolean', 'null'] };
  }
}

/**
 * Version `variant` of a 1,000-property schema. Versions of one FULL_TRANSITIVE group differ the way
 * registered versions do: a few documentation edits and a few equivalent rewrites (a property
 * wrapped in `allOf`, a bound spelled exclusively), never a change of meaning.
 */
export function schema(variant: number, extra = 0): JsonSchema {
  const properties: Record<string, unknown> = {};
  const touched = new Set([variant % PROPS, (variant * 7 + 3) % PROPS, (variant * 13 + 5) % PROPS]);
  for (let i = 0; i < PROPS; i++) {
    let p = baseProperty(i);
    if (touched.has(i)) {
      p = { ...p, description: `edited in version ${variant}` };
      if (i % 6 === 1) p = { type: 'integer', exclusiveMinimum: -1, maximum: 1000, description: p.description };
      else if (i % 2 === 0) p = { allOf: [p] };
    }
    properties[`p${i}`] = p;
  }
  for (let i = 0; i < extra; i++) properties[`added${i}`] = { type: 'string', maxLength: 12 };
  const s = { type: 'object', properties, required: ['p0', 'p1', 'p3'], additionalProperties: false, title: `v${variant}` };
  return JSON.parse(JSON.stringify(s)) as JsonSchema;
}

function time<T>(fn: () => T): [number, T] {
  const t0 = performance.now();
  const r = fn();
  return [performance.now() - t0, r];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export default async function run(): Promise<void> {
  // pair: a new version adds 10 optional properties to a closed object (backward compatible)
  const check = (o: JsonSchema, n: JsonSchema) => checkCompatibility({ schema: n }, [{ schema: o, version: 1 }], 'BACKWARD');
  const [pairCold, pairResult] = time(() => check(schema(0), schema(2, 10)));
  if (!pairResult.compatible) throw new Error('benchmark pair unexpectedly incompatible: ' + pairResult.messages.join('; '));
  // fresh documents every time: nothing is cached for these objects
  const pairFresh = median(
    Array.from({ length: 7 }, (_, k) => {
      const o = schema(4 + 2 * k);
      const n = schema(5 + 2 * k, 10);
      return time(() => check(o, n))[0];
    }),
  );

  // transitive: 1,000 earlier versions, held by the registry with their normal forms cached (each
  // was checked when it was registered); the candidate is a new document.
  const previous = Array.from({ length: 1000 }, (_, k) => ({ schema: schema(999 - k), version: 1000 - k }));
  const [registerMs] = time(() => checkCompatibility({ schema: schema(5000) }, previous, 'FULL_TRANSITIVE'));
  const runs = Array.from({ length: 5 }, (_, k) => {
    const candidate = schema(1000 + k);
    const [ms, result] = time(() => checkCompatibility({ schema: candidate }, previous, 'FULL_TRANSITIVE'));
    if (!result.compatible) throw new Error('benchmark transitive check unexpectedly incompatible: ' + result.messages.slice(0, 3).join('; '));
    return ms;
  });

  const line = (name: string, ms: number, goal: number) => process.stdout.write(`${name}: ${ms.toFixed(1)} ms (goal < ${goal} ms)\n`);
  line('compat pair, 1,000 properties, BACKWARD, first check in the process', pairCold, 20);
  line('compat pair, 1,000 properties, BACKWARD, fresh documents (median of 7)', pairFresh, 20);
  line('compat FULL_TRANSITIVE, new version vs 1,000 earlier versions (median of 5)', median(runs), 200);
  line('compat FULL_TRANSITIVE over 1,000 versions not yet in cache (first check)', registerMs, 1000);
  // The engine over the HTTP group's size, in this run: the reference the HTTP figures are divided by.
  const groupSize = Number(process.env.BENCH_HTTP_GROUP ?? 100);
  const group = Array.from({ length: groupSize }, (_, k) => ({ schema: schema(groupSize - k), version: groupSize - k }));
  const [groupFirst] = time(() => checkCompatibility({ schema: schema(5000) }, group, 'FULL_TRANSITIVE'));
  const groupWarm = median(Array.from({ length: 5 }, (_, k) => time(() => checkCompatibility({ schema: schema(5001 + k) }, group, 'FULL_TRANSITIVE'))[0]));
  line(`compat FULL_TRANSITIVE over ${groupSize} versions, first check / then median of 5`, groupFirst, 1000);
  line(`compat FULL_TRANSITIVE over ${groupSize} versions, warm (median of 5)`, groupWarm, 200);

  // The engine on the HTTP check's own pair (the version registered over HTTP, then the candidate).
  const enginePair = (k: number) => {
    const [older, newer] = [schema(0), schema(5 + 2 * k, 10)];
    return time(() => check(older, newer))[0];
  };
  const { pairMs, enginePairMs, groupFirstMs, groupWarmMs } = await runOverHttp(schema, groupSize, enginePair);
  const ratio = (name: string, http: number, engine: number, goal?: number) =>
    process.stdout.write(`${name}: ${(http / engine).toFixed(1)}×${goal === undefined ? '' : ` (goal ≤ ${goal}×)`}\n`);
  ratio('HTTP pair / engine pair (fresh documents, as above)', pairMs, pairFresh, 3);
  // Stricter: the engine on the HTTP checks' own pairs, whose older version is the same content
  // each time (as the registered version is), so its structural memos are as warm as the server's.
  ratio('HTTP pair / engine pair (the same pairs, measured alternately)', pairMs, enginePairMs, 3);
  ratio(`HTTP FULL_TRANSITIVE over ${groupSize} / engine, first check`, groupFirstMs, groupFirst);
  ratio(`HTTP FULL_TRANSITIVE over ${groupSize} / engine, warm`, groupWarmMs, groupWarm);
  process.stdout.write(`load average while measuring: ${loadavg().map((l) => l.toFixed(2)).join(', ')}\n`);
}
