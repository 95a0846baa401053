import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { DEFAULT_EXTRACT_BUDGET_MS, isSet, readConfig } from '../core/config.js';
import type { ExtractOutcome, ExtractTask } from './extract-worker.js';

const WORKER_YOUNG_GENERATION_MB = 8;

export interface ExtractionPoolOptions {
  /** worker threads (default: the machine's cores) */
  threads?: number;
  /** time one document may take once its worker starts on it (default 5 s) */
  budgetMs?: number;
  /** an idle worker exits after this long (default 60 s); the next document starts a new one */
  idleTimeoutMs?: number;
}

export type PoolOutcome = ExtractOutcome | { ok: false; reason: string; timedOut: true };

export interface ExtractionPool {
  readonly threads: number;
  readonly budgetMs: number;
  /** Parses and extracts one document in a worker; never throws for a bad or slow document, it says why instead. */
  run(task: Omit<ExtractTask, 'started'>): Promise<PoolOutcome>;
  /** Starts every worker now (they load their modules meanwhile), for a caller about to send many documents. */
  warm(): void;
  close(): Promise<void>;
}

/** "5 s", "1.5 s", "800 ms": how the budget reads in a rejection. */
export function formatBudget(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}

/** The worker module next to this file: compiled .js when it exists, else the .mjs that registers tsx for the .ts. */
export function workerFile(): string {
  const js = new URL('./extract-worker.js', import.meta.url);
  return existsSync(js) ? js.href : new URL('./extract-worker-bootstrap.mjs', import.meta.url).href;
}

/** Workers for a bulk ingest: one core is left to the thread that stores what they extract. */
function bulkThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * A pool of worker threads (piscina) that parse and extract documents, one at a time per worker, so the web
 * request thread never does. A document still running when its budget runs out is rejected by name, its
 * worker terminated and replaced. Tasks wait for a free worker before their budget starts, so a slow document
 * never uses up the budget of the ones queued behind it.
 */
export function createExtractionPool(options: ExtractionPoolOptions = {}): ExtractionPool {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const budgetMs = options.budgetMs ?? DEFAULT_EXTRACT_BUDGET_MS;
  // Made on first use, so pages that never extract start no threads. Workers start when needed and exit when idle
  // (piscina unrefs idle ones: they never keep the process alive).
  let piscina: Piscina | null = null;
  const pool = () =>
    (piscina ??= new Piscina({
      filename: workerFile(),
      name: 'parseAndExtract',
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: options.idleTimeoutMs ?? 60_000,
      concurrentTasksPerWorker: 1,
      // a document's garbage is short-lived and small: a smaller young generation keeps ~20 MB less per worker, at no measured CPU cost
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    }));
  // Per process on purpose (not in the database): it guards this process's own cores; `serve --workers N` gives each
  // web process cores ÷ N threads instead (src/cli/web-cluster.ts).
  const gate = createGate(threads);

  // The terminated worker's replacement starts now (a tiny document makes piscina spawn it), so the next upload
  // does not wait for a worker to load its modules.
  let closed = false;
  const startReplacement = () => {
    if (!closed)
      pool()
        .run({ name: 'warm-up.txt', text: 'Warm up', maxBytes: 64 })
        .catch(() => undefined);
  };

  async function runOne(task: Omit<ExtractTask, 'started'>): Promise<PoolOutcome> {
    const abort = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let timer: NodeJS.Timeout | undefined;
    // the clock starts when the worker begins this document, not while it loads its modules
    port1.once('message', () => {
      timer = setTimeout(() => abort.abort(), budgetMs);
    });
    try {
      return (await pool().run({ ...task, started: port2 }, { signal: abort.signal, transferList: [port2] })) as ExtractOutcome;
    } catch (e) {
      if (abort.signal.aborted) {
        startReplacement();
        return { ok: false, reason: `took longer than ${formatBudget(budgetMs)} to extract; it was stopped and not stored`, timedOut: true };
      }
      return { ok: false, reason: `could not be read: ${firstLine(e)}` };
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  return {
    threads,
    budgetMs,
    run: (task) => gate(() => runOne(task)),
    warm: () => {
      for (let i = 0; i < threads; i++) startReplacement();
    },
    close: async () => {
      closed = true;
      await piscina?.destroy();
      piscina = null;
    },
  };
}

/** At most n calls at once; the rest wait in order (a finishing call hands its place straight to the next). */
function createGate(n: number): <T>(f: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (f) => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await f();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

// A worker's error text without its stack (no server paths in what a user sees).
const firstLine = (e: unknown) =>
  String((e as Error)?.message ?? e)
    .split('\n')[0]
    .slice(0, 300);

let shared: ExtractionPool | null = null;

/**
 * The process's own pool for bulk work (ingest, reextract; settings from the environment, else one worker per core
 * but one), for callers not given one: made on first use and kept,
 * so a process that ingests many times loads the workers' modules once. Idle workers exit and never keep the
 * process alive.
 */
export function sharedExtractionPool(): ExtractionPool {
  return (shared ??= createExtractionPool(bulkPoolOptionsFromConfig()));
}

/** Settings for a bulk ingest: CLAIMTRAIL_EXTRACT_THREADS when set, else bulkThreads(). */
export function bulkPoolOptionsFromConfig(): ExtractionPoolOptions {
  return { threads: isSet('extractThreads') ? readConfig('extractThreads') : bulkThreads(), budgetMs: readConfig('extractBudgetMs') };
}
