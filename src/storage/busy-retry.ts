import { AppError } from '../core/errors.js';
import { isSqliteBusy } from '../core/error-mapping.js';
import { DEFAULT_BUSY_WAIT_MS } from '../core/config.js';

/** SQLite refused a lock because another connection (another process) holds it, or our wait for it ran out. */
export function isBusyError(e: unknown): boolean {
  return (e instanceof AppError && e.code === 'busy') || isSqliteBusy(e);
}

/** The write lock stayed taken longer than the retry budget. */
export class DatabaseBusyError extends AppError {
  constructor(waitedMs: number, cause: unknown) {
    super(
      'busy',
      `the database is busy with other writes: nothing was saved; try again in a few seconds (another writer held the write lock for more than ${Math.round(waitedMs / 1000)} s)`,
      { cause, retryAfterSeconds: 5 },
    );
    this.name = 'DatabaseBusyError';
  }
}

export interface BusyRetryOptions {
  /** give up after this long (default 60 s) */
  budgetMs?: number;
  /** called before each wait (for counting retries in tests and benchmarks) */
  onRetry?: (attempt: number, error: unknown) => void;
  /** how to wait `ms` between attempts (default: a timer); the driver frees its connection meanwhile */
  pause?: (ms: number) => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` again while it fails with SQLITE_BUSY, waiting between attempts without blocking the event loop
 * (5 ms doubling to 250 ms, jittered), within a time budget. Any other error is thrown at once.
 */
export async function retryOnBusy<T>(fn: () => T | Promise<T>, options: BusyRetryOptions = {}): Promise<T> {
  const budget = options.budgetMs ?? DEFAULT_BUSY_WAIT_MS;
  const t0 = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isBusyError(e)) throw e;
      const waited = Date.now() - t0;
      if (waited >= budget) throw new DatabaseBusyError(waited, e);
      options.onRetry?.(attempt, e);
      const delay = Math.min(250, 5 * 2 ** Math.min(attempt - 1, 6));
      await (options.pause ?? sleep)(Math.min(delay / 2 + Math.random() * delay, budget - waited));
    }
  }
}
