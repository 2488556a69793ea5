import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { assertCompiles } from '../../core/schema/assert-compiles.js';
import { sha256 } from '../../core/schema/canonical.js';
import { CompiledPieces } from './compiled-pieces.js';
import type { JsonSchema, ReferencedSchemas } from '../../core/schema/types.js';
import { RegistryError } from '../../core/errors/index.js';
import { verifyRules, type RuleVerification, type RuleVerificationRequest } from '../../core/migrate/index.js';
import { DEFAULT_TIME_MS, searchCounterexample, type Counterexample, type CounterexampleSearch, type EngineLimits } from '../../core/compat/index.js';
import { compilePieces, createValidator, loadValidator, validatorSource, type CompilePieces, type SchemaValidator } from '../../core/schema/validator/index.js';
import type { CompileJob, CompileVerdict, CounterexampleJob, WorkerJob } from './messages.js';
import { asText, searchOf } from './search-job.js';

export interface CompilePoolOptions {
  /** Worker threads; 0 compiles on the calling thread. Default: cores − 1, between 1 and 4. */
  size?: number;
  timeoutMs?: number;
  /** Heap limit of each worker, so one schema cannot exhaust the server's memory. */
  maxHeapMb?: number;
  /** Schemas whose text is at least this long go to a worker; smaller ones compile inline. */
  offloadBytes?: number;
}

export class CompileError extends Error {}

interface Pending {
  job: WorkerJob;
  resolve: (verdict: CompileVerdict) => void;
  reject: (error: Error) => void;
  /** The job's own limit, when it is not the pool's `timeoutMs`. */
  timeoutMs?: number;
  /** The error a job killed for running past its limit fails with. */
  overtime?: () => Error;
}

interface Slot {
  worker: Worker;
  /** The worker has booted and said so; only then does it take jobs. */
  ready: boolean;
  running?: Pending;
  timer?: NodeJS.Timeout;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_OFFLOAD_BYTES = 16 * 1024;
/** A verify job's whole limit on a worker: schemas, samples and the 500 ms of rule runs. */
const VERIFY_HARD_LIMIT_MS = 10_000;
/**
 * Beyond a counterexample search's own deadline, how long its worker may take to notice it (one
 * ajv validation cannot be interrupted) before the worker is replaced.
 */
const SEARCH_GRACE_MS = 1_000;

/**
 * Compiling a schema with ajv is the most expensive step of a registration (about a millisecond
 * for 30 properties, a quarter of a second for 1,000), and it is pure CPU. Done on the event loop,
 * a large schema holds up every other request meanwhile; so schemas above `offloadBytes` compile
 * on worker threads, and the server keeps answering while they do. Small schemas compile inline:
 * measured on two cores, the hop to a worker cost more than the millisecond it would free.
 *
 * Each worker takes one job at a time. A job that runs past `timeoutMs`, or a worker that dies
 * (a hostile schema exhausting the worker's heap), fails that job with a clear message and the
 * worker is replaced. Workers are started on first use and hold the process open only while
 * they have work.
 */
export class CompilePool {
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly maxHeapMb: number;
  private readonly offloadBytes: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly compiledPieces = new CompiledPieces();
  private nextId = 1;
  private closed = false;
  private unavailable = false;

  constructor(options: CompilePoolOptions = {}) {
    this.size = options.size ?? Math.max(1, Math.min(4, availableParallelism() - 1));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxHeapMb = options.maxHeapMb ?? 1024;
    this.offloadBytes = options.offloadBytes ?? DEFAULT_OFFLOAD_BYTES;
  }

  /**
   * Resolves when the schema compiles; rejects with a CompileError carrying ajv's message otherwise.
   * `text` is the schema's JSON text: its length decides where it compiles, and a worker is sent
   * the text (a flat string crosses threads far more cheaply than the parsed document).
   */
  async check(schema: JsonSchema, references: ReferencedSchemas, text: string, options: { pieces?: 'use' | 'record' } = {}): Promise<void> {
    if (this.size === 0 || this.closed || text.length < this.offloadBytes) return checkInline(schema, references);
    // 'record' (registration): the whole schema is compiled, and its pieces remembered for the
    // compatibility checks of the next versions; 'use' (those checks) compiles only new pieces.
    const split = options.pieces ? compilePieces(schema, references) : undefined;
    if (split && options.pieces === 'use' && (await this.checkPieces(split))) return;
    await this.submit('check', text, references);
    if (split) for (const piece of split.pieces) this.compiledPieces.add(pieceKey(split, piece.text));
  }

  /**
   * With `pieces`, a wide schema is split (core/schema `compilePieces`) and only the pieces this
   * process has not yet seen compile are compiled, inline when they are small together: a new
   * version of a wide schema changes a few properties. True when that settled the verdict; false
   * when the whole must be compiled (too much new, or a piece failed: the whole's compile then
   * reports the error with its real location).
   */
  private async checkPieces(split: CompilePieces): Promise<boolean> {
    const fresh = split.pieces.filter((piece) => !this.compiledPieces.has(pieceKey(split, piece.text)));
    if (fresh.reduce((bytes, piece) => bytes + piece.text.length, 0) >= this.offloadBytes) return false;
    for (const piece of fresh) {
      try {
        assertCompiles(piece.schema, {}, split.dialect);
      } catch {
        return false;
      }
      this.compiledPieces.add(pieceKey(split, piece.text));
    }
    return true;
  }

  /**
   * The validator for a schema (core/schema/validator), built where `check` would compile it: a
   * large schema is compiled to source and V8 code on a worker and only loaded here — compiling a
   * 4,000-property schema took seconds of event loop, loading its compiled code a tenth of that. Rejects with a
   * CompileError carrying the factory's message when no validator can be built.
   */
  async validator(schema: JsonSchema, references: ReferencedSchemas, text: string): Promise<SchemaValidator> {
    if (this.size === 0 || this.closed || text.length < this.offloadBytes) return validatorInline(schema, references);
    const { source, codeCache } = await this.submit('source', text, references);
    try {
      return loadValidator(source!, schema, codeCache);
    } catch (error) {
      throw new CompileError(`the compiled validator does not load (${(error as Error).message})`);
    }
  }

  private submit(kind: CompileJob['kind'], text: string, references: ReferencedSchemas): Promise<CompileVerdict> {
    return new Promise<CompileVerdict>((resolve, reject) => {
      const settle = (verdict: CompileVerdict) => (verdict.error === undefined ? resolve(verdict) : reject(new CompileError(verdict.error)));
      this.queue.push({ job: { id: this.nextId++, kind, text, references }, resolve: settle, reject });
      this.dispatch();
    });
  }

  /**
   * Verifies migration rules (core/migrate `verifyRules`) on a worker, so a hostile rule never
   * holds up the event loop. The rules get `budgetMs` in total, enforced inside the worker; the
   * worker is killed if the whole job (schemas compiled, samples generated, rules run) takes
   * longer than `hardLimitMs`, and the registration is refused. Rejects with the RegistryError
   * (42210 …) verification raised.
   */
  verifyRules(request: RuleVerificationRequest, hardLimitMs = VERIFY_HARD_LIMIT_MS): Promise<RuleVerification[]> {
    if (this.size === 0 || this.closed || this.unavailable) return verifyRules(request);
    return new Promise<RuleVerification[]>((resolve, reject) => {
      const settle = (verdict: CompileVerdict) => {
        if (verdict.refusal) reject(new RegistryError(verdict.refusal.code as never, verdict.refusal.message, verdict.refusal.details));
        else if (verdict.error !== undefined) reject(new Error(`verifying the migration rules failed: ${verdict.error}`));
        else resolve(verdict.verified ?? []);
      };
      const overtime = () =>
        new RegistryError('INVALID_RULESET', `verifying the migration rules took longer than ${hardLimitMs} ms; simplify the rules or the schemas`, {
          failure: 'timeout',
        });
      this.queue.push({ job: { id: this.nextId++, kind: 'verify', request }, resolve: settle, reject, timeoutMs: hardLimitMs, overtime });
      this.dispatch();
    });
  }

  /**
   * Runs a counterexample search (core/compat) on a worker, within `limits` (the engine's defaults
   * otherwise): the search compiles the reader with ajv and validates generated events, neither
   * of which can be interrupted, and some schemas make both exponential. Never rejects: a search
   * that fails, runs out of time or loses its worker finds no counterexample, and the verdict it
   * illustrates stays "incompatible".
   */
  counterexample(search: CounterexampleSearch, limits?: EngineLimits): Promise<Counterexample | undefined> {
    if (this.size === 0 || this.closed || this.unavailable) return Promise.resolve(searchInline(search, limits));
    const { writer, reader, direction, policy, againstVersion } = search;
    const job: CounterexampleJob = { id: this.nextId++, kind: 'counterexample', writer: asText(writer), reader: asText(reader), direction, policy, againstVersion, limits };
    return new Promise<Counterexample | undefined>((resolve) => {
      const settle = (verdict: CompileVerdict) => resolve(verdict.counterexample ?? undefined);
      this.queue.push({ job, resolve: settle, reject: () => resolve(undefined), timeoutMs: (limits?.timeMs ?? DEFAULT_TIME_MS) + SEARCH_GRACE_MS });
      this.dispatch();
    });
  }

  /** Stops the workers; queued and running checks fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error('the compile pool was closed'));
    await Promise.all(this.slots.splice(0).map((slot) => this.retire(slot, new Error('the compile pool was closed'))));
  }

  private dispatch(): void {
    if (this.unavailable) {
      for (const pending of this.queue.splice(0)) {
        const job = pending.job;
        if (job.kind === 'verify') verifyRules(job.request).then((verified) => pending.resolve({ id: job.id, verified }), pending.reject);
        else if (job.kind === 'counterexample') pending.resolve({ id: job.id, counterexample: searchInline(searchOf(job), job.limits) ?? null });
        else if (job.kind === 'check') checkInline(JSON.parse(job.text) as JsonSchema, job.references).then(() => pending.resolve({ id: job.id }), pending.reject);
        else sourceInline(JSON.parse(job.text) as JsonSchema, job.references).then((source) => pending.resolve({ id: job.id, source }), pending.reject);
      }
      return;
    }
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.ready && !s.running);
      if (!slot) {
        // Jobs wait for a worker to finish booting: the time limit is for compiling, not for booting.
        if (this.slots.length < this.size && this.slots.every((s) => s.ready)) this.spawn();
        return;
      }
      const pending = this.queue.shift()!;
      slot.running = pending;
      slot.worker.ref();
      slot.timer = setTimeout(() => {
        void this.replace(slot, pending.overtime?.() ?? new CompileError(`compiling it took longer than ${this.timeoutMs / 1000} s`));
      }, pending.timeoutMs ?? this.timeoutMs);
      slot.worker.postMessage(pending.job);
    }
  }

  private spawn(): void {
    const resourceLimits = { maxOldGenerationSizeMb: this.maxHeapMb };
    const worker = fromSources
      ? new Worker(new URL('./tsx-bootstrap.mjs', import.meta.url), { workerData: { entry: workerUrl.href }, resourceLimits })
      : new Worker(workerUrl, { resourceLimits });
    const slot: Slot = { worker, ready: false };
    worker.on('message', (message: CompileVerdict | 'ready') => {
      if (message === 'ready') {
        slot.ready = true;
        worker.unref();
      } else {
        const pending = slot.running;
        if (!pending || pending.job.id !== message.id) return;
        this.settle(slot);
        pending.resolve(message);
      }
      this.dispatch();
    });
    const fail = (error: Error) => {
      // A worker that cannot even start (no worker support, a broken install) would fail forever:
      // compile on the event loop from then on rather than refuse every large schema.
      if (!slot.ready) this.unavailable = true;
      void this.replace(slot, error);
    };
    worker.on('error', (error) => fail(new CompileError(`the compiler failed on it (${error.message})`)));
    worker.on('exit', () => fail(new CompileError('the compiler stopped while compiling it')));
    this.slots.push(slot);
  }

  private settle(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.running = undefined;
    slot.worker.unref();
  }

  /** Fails the slot's job, drops the worker and lets the queue continue on a fresh one. */
  private async replace(slot: Slot, error: Error): Promise<void> {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    await this.retire(slot, error);
    this.dispatch();
  }

  private async retire(slot: Slot, error: Error): Promise<void> {
    const pending = slot.running;
    this.settle(slot);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    const verifying = pending?.job.kind === 'verify' && !(error instanceof RegistryError);
    // A worker lost during verification (a rule that exhausted its heap): the rule is refused.
    pending?.reject(verifying ? new RegistryError('INVALID_RULESET', `verifying the migration rules failed: ${error.message}`, {}, { cause: error }) : error);
    await slot.worker.terminate().catch(() => undefined);
  }
}

// A long piece is kept by its digest (a piece may be a large nested schema, and the cache holds tens
// of thousands); a short one by its text, which costs less than hashing it (1,000 hashes: 4 ms).
const pieceKey = (split: CompilePieces, text: string) => (text.length <= 200 ? `${split.dialect}\n${text}` : `${split.dialect}#${sha256(text)}`);

/** Workers unavailable or disabled: the search runs here, and a failure finds nothing. */
function searchInline(search: CounterexampleSearch, limits?: EngineLimits): Counterexample | undefined {
  try {
    return searchCounterexample(search, limits);
  } catch {
    return undefined;
  }
}

let shared: CompilePool | undefined;

/** The process-wide pool with the default size: apps that were not given their own share it. */
export function sharedCompilePool(): CompilePool {
  return (shared ??= new CompilePool());
}

async function checkInline(schema: JsonSchema, references: ReferencedSchemas): Promise<void> {
  try {
    assertCompiles(schema, references);
  } catch (error) {
    throw new CompileError(error instanceof Error ? error.message : String(error));
  }
}

async function validatorInline(schema: JsonSchema, references: ReferencedSchemas): Promise<SchemaValidator> {
  const built = createValidator(schema, references);
  if (!built.ok) throw new CompileError(built.failure.message);
  return built.validator;
}

/** Workers unavailable: the source is built here, so `validator` still gets what it asked for. */
async function sourceInline(schema: JsonSchema, references: ReferencedSchemas): Promise<string> {
  const built = validatorSource(schema, references);
  if (!built.ok) throw new CompileError(built.failure.message);
  return built.source;
}

// Built code runs the compiled worker; from TypeScript sources it is started through tsx-bootstrap.mjs.
const fromSources = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSources ? './compile-worker.ts' : './compile-worker.js', import.meta.url);
