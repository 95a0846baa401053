import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';

/** How long the primary waits for its workers to finish their requests and close after SIGTERM/SIGINT, in ms. */
const STOP_GRACE_MS = 10_000;

export interface SuperviseOptions {
  /** web processes to keep running */
  workers: number;
  /** progress and failures, one line each */
  log: (line: string) => void;
  /** once every first worker listens: the port they share */
  onListening: (port: number) => void;
  /** after every worker has exited on SIGTERM/SIGINT (the primary's own clean-up), before the process exits */
  onStop?: () => Promise<void>;
}

/** Whether this process is a web worker forked by `serve --workers N` (it serves; the primary supervises). */
export const isWebWorker = (): boolean => cluster.isWorker;

/** Extraction threads for one of `workers` web processes: the cores shared out, at least one each. */
export function extractThreadsPerWorker(workers: number, cores = availableParallelism()): number {
  return Math.max(1, Math.floor(cores / workers));
}

/**
 * In the primary: forks `workers` processes that run this same command line (they see isWebWorker() and serve,
 * sharing the port through the cluster module), replaces one that dies once it has listened (logged), and on
 * SIGTERM/SIGINT asks every worker to stop, waits for them (at most STOP_GRACE_MS, then kills them) and exits.
 * A worker that dies before it ever listened (a port in use, a database that cannot be opened) stops them all
 * with exit status 1: replacing it would only fail again, forever.
 */
export function superviseWorkers(options: SuperviseOptions): void {
  const { workers, log } = options;
  const listened = new Set<Worker>();
  let stopping = false;
  let announced = false;

  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on('listening', (address) => {
      listened.add(worker);
      log(`worker ${worker.process.pid} listening`);
      if (!announced && listened.size >= workers) {
        announced = true;
        options.onListening(address.port);
      }
    });
    return worker;
  };

  cluster.on('exit', (worker, code, signal) => {
    const how = signal ? `signal ${signal}` : `exit status ${code}`;
    const hadListened = listened.delete(worker);
    if (stopping) return;
    if (!hadListened) {
      log(`worker ${worker.process.pid} stopped before it could serve (${how}); stopping`);
      void stopAll(1);
      return;
    }
    const next = fork();
    log(`worker ${worker.process.pid} died (${how}); started worker ${next.process.pid} in its place`);
  });

  async function stopAll(exitCode: number): Promise<void> {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    const exited = Promise.all(alive.map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve())))));
    for (const w of alive) w.process.kill('SIGTERM');
    const late = setTimeout(() => {
      log(`workers still running after ${STOP_GRACE_MS / 1000} s; killing them`);
      for (const w of alive) if (!w.isDead()) w.process.kill('SIGKILL');
    }, STOP_GRACE_MS);
    await exited;
    clearTimeout(late);
    try {
      await options.onStop?.();
    } finally {
      process.exit(exitCode);
    }
  }

  for (let i = 0; i < workers; i++) fork();
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
}
