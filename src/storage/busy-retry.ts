import { AppError } from '../core/errors.js';
import { isDatabaseBusy } from '../core/error-mapping.js';
import { DEFAULT_BUSY_WAIT_MS } from '../core/config.js';

/**
 * Another writer was in the way: SQLite refused a lock another connection holds, PostgreSQL refused a transaction
 * that would not be serializable with a concurrent one (or broke a deadlock), or our wait for it ran out.
 */
export function isBusyError(e: unknown): boolean {
  return (e instanceof AppError && e.code === 'busy') || isDatabaseBusy(e);
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
 * Runs `fn` again while another writer is in its way (isBusyError), waiting between attempts without blocking the event loop
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
