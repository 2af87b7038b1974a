/**
 * Handlers in flight at once. A handler holds its slot until its last REST answer is
 * back, so the cap bounds throughput at about `limit / callback round trip`: 64 allows
 * ~400 interactions/s at a 150 ms round trip to Discord, more than one core answers.
 */
export const DEFAULT_CONCURRENCY = 64;

export interface ConcurrencyLimiter {
  /**
   * Queues `task` (first in, first out) and starts it on a later macrotask, one task per
   * turn of the event loop, while fewer than `limit` run: however many arrive at once, the
   * loop reads sockets and flushes sends between any two starts, so a burst of handlers
   * whose first part is synchronous (core.ask) cannot hold it. Resolves or rejects as the
   * task does; a failing task frees its slot too.
   */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks started and not yet settled. */
  readonly running: number;
  /** Tasks waiting to start. */
  readonly queued: number;
}

export function createConcurrencyLimiter(limit = DEFAULT_CONCURRENCY): ConcurrencyLimiter {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
  let running = 0;
  // A FIFO as an array with a head index: shift() would copy the array for every task of a long burst.
  let queue: Array<() => void> = [];
  let head = 0;
  let scheduled = false;

  const schedule = () => {
    if (scheduled || head === queue.length || running >= limit) return;
    scheduled = true;
    setImmediate(startOne);
  };

  function startOne(): void {
    scheduled = false;
    if (head === queue.length || running >= limit) return;
    const start = queue[head]!;
    queue[head++] = undefined as never;
    if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    running += 1;
    start();
    schedule();
  }

  const launch = <T>(task: () => Promise<T>, resolve: (value: T) => void, reject: (err: unknown) => void) => {
    let result: Promise<T>;
    try {
      result = task();
    } catch (err) {
      result = Promise.reject(err);
    }
    result.then(resolve, reject).finally(() => {
      running -= 1;
      schedule();
    });
  };

  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push(() => launch(task, resolve, reject));
        schedule();
      });
    },
    get running() {
      return running;
    },
    get queued() {
      return queue.length - head;
    },
  };
}
