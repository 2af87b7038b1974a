/** Handlers that may run at once; the rest wait their turn. */
export const DEFAULT_CONCURRENCY = 16;

export interface ConcurrencyLimiter {
  /**
   * Runs `task` now if fewer than `limit` tasks are running, else queues it (first in,
   * first out). A queued task starts on a later macrotask (setImmediate), never inside the
   * microtask that freed its slot, so the event loop reads sockets and flushes sends between
   * handlers. Resolves or rejects as the task does; a failing task frees its slot too.
   */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly running: number;
  /** Tasks waiting for a slot. */
  readonly queued: number;
}

export function createConcurrencyLimiter(limit = DEFAULT_CONCURRENCY): ConcurrencyLimiter {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
  let running = 0;
  // A FIFO as an array with a head index: shift() would copy the array for every task of a long burst.
  let queue: Array<() => void> = [];
  let head = 0;

  const next = () => {
    if (head === queue.length) return;
    const start = queue[head]!;
    queue[head++] = undefined as never;
    if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    running += 1;
    setImmediate(start);
  };

  const launch = <T>(task: () => Promise<T>, resolve: (value: T) => void, reject: (err: unknown) => void) => {
    let result: Promise<T>;
    try {
      result = task();
    } catch (err) {
      result = Promise.reject(err);
    }
    result.then(resolve, reject).finally(() => {
      running -= 1;
      next();
    });
  };

  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (running < limit && head === queue.length) {
          running += 1;
          launch(task, resolve, reject);
        } else {
          queue.push(() => launch(task, resolve, reject));
        }
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
