import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChaosServicesConfig } from './chaos-services.js';

const entry = fileURLToPath(new URL('./chaos-services.ts', import.meta.url));

interface Incarnation {
  child: ChildProcess;
  ready: Promise<boolean>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: string[];
}

function launch(config: ChaosServicesConfig): Incarnation {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, CHAOS_SERVICES: JSON.stringify(config) },
    // stdin stays open while this process lives: the child leaves when it closes (no orphans).
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise<boolean>((resolve) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready\n')) resolve(true);
    });
    void exited.then(() => resolve(false));
  });
  return { child, ready, exited, stderr };
}

/**
 * Keeps one services process running, as an orchestrator (systemd, Kubernetes) would: while faults
 * are on, each incarnation is told to SIGKILL itself at a random kill point (up to `maxKills` times),
 * and a dead one is started again at once. `recover()` kills the faulty one and starts a clean one;
 * `stop()` ends it with SIGTERM.
 */
export class ServicesSupervisor {
  kills = 0;
  starts = 0;
  /** Incarnations that died on their own (not killed, not stopped), with the end of their stderr: bugs. */
  readonly crashes: string[] = [];
  private phase: 'faults' | 'recovery' | 'stopped' = 'faults';
  private current: Incarnation | undefined;
  private loop: Promise<void> | undefined;
  private firstReady: Promise<void> | undefined;

  constructor(
    private readonly config: Omit<ChaosServicesConfig, 'faults' | 'killAfter' | 'seed'> & { seed: number },
    private readonly maxKills: number,
    private readonly random: () => number,
  ) {}

  /** Starts the first incarnation; resolves once one is running (the tables exist). */
  start(): Promise<void> {
    let markReady!: () => void;
    this.firstReady = new Promise((resolve) => (markReady = resolve));
    this.loop = this.supervise(markReady);
    return Promise.race([this.firstReady, this.loop]);
  }

  /** Faults end: the running incarnation is killed and a clean one started, to finish the work. */
  async recover(): Promise<void> {
    this.phase = 'recovery';
    appendFileSync(this.config.log, 'SIGKILL by the supervisor at an arbitrary moment\n');
    this.current?.child.kill('SIGKILL');
  }

  /** SIGTERM, and SIGKILL if the process has not closed within 10 s. */
  async stop(): Promise<void> {
    this.phase = 'stopped';
    const current = this.current;
    current?.child.kill('SIGTERM');
    const late = setTimeout(() => current?.child.kill('SIGKILL'), 10_000);
    await this.loop?.catch(() => undefined);
    clearTimeout(late);
  }

  /** Injected faults by kind, as the incarnations logged them. */
  faultCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    let text = '';
    try {
      text = readFileSync(this.config.log, 'utf8');
    } catch {
      // nothing injected yet
    }
    for (const line of text.split('\n').filter(Boolean)) counts.set(line, (counts.get(line) ?? 0) + 1);
    return counts;
  }

  private isStopped(): boolean {
    return this.phase === 'stopped';
  }

  private async supervise(markReady: () => void): Promise<void> {
    while (this.phase !== 'stopped') {
      const faults = this.phase === 'faults';
      // Kill points pass at hundreds per second: a kill within a second or so of starting.
      const killAfter = faults && this.kills < this.maxKills ? 30 + Math.floor(this.random() * 400) : undefined;
      const incarnation = launch({ ...this.config, seed: (this.config.seed + this.starts * 7919) >>> 0, faults, killAfter });
      this.current = incarnation;
      this.starts += 1;
      void incarnation.ready.then((ready) => ready && markReady());
      const { code, signal } = await incarnation.exited;
      if (signal === 'SIGKILL') {
        if (faults) this.kills += 1;
        continue;
      }
      if (this.isStopped()) return;
      if (code !== 0) this.crashes.push(`exit ${code} ${signal ?? ''}: ${incarnation.stderr.join('').slice(-2_000)}`);
      if (this.starts > 60) {
        this.crashes.push('restarted more than 60 times');
        return;
      }
    }
  }
}
