import { describe, expect, it } from 'vitest';
import { createConcurrencyLimiter } from '../../src/adapters/discord/concurrency.js';

/** Resolves on the next turn of the event loop (after its I/O phase). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A promise with its resolve and reject exposed. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('concurrency limiter', () => {
  it('runs at most `limit` tasks at once and starts the rest first in, first out', async () => {
    const limiter = createConcurrencyLimiter(3);
    const gates = Array.from({ length: 8 }, () => deferred());
    const started: number[] = [];
    let active = 0;
    let most = 0;
    const done = gates.map((gate, i) =>
      limiter.run(async () => {
        started.push(i);
        active += 1;
        most = Math.max(most, active);
        await gate.promise;
        active -= 1;
        return i * 10;
      }),
    );
    expect(started).toEqual([]); // nothing runs inside run(): every task starts on a later macrotask
    while (started.length < 3) await nextTurn();
    await nextTurn();
    expect(started).toEqual([0, 1, 2]);
    expect([limiter.running, limiter.queued]).toEqual([3, 5]);

    // Finish out of order: the slots go to the waiting tasks in the order they came.
    gates[1]!.resolve();
    gates[0]!.resolve();
    await done[0];
    await done[1];
    while (started.length < 5) await nextTurn();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(done)).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
    expect([limiter.running, limiter.queued]).toEqual([0, 0]);
  });

  it('starts one task per turn of the event loop: other I/O callbacks run between handlers, however many slots are free', async () => {
    const limiter = createConcurrencyLimiter(100);
    const events: string[] = [];
    // A stand-in for the event loop's other work (socket reads, flushing sends): one entry per loop turn.
    let ticking = true;
    const tick = () => {
      events.push('tick');
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    // Handlers that never await (like core.ask): without a yield they would all run in one turn.
    const all = Array.from({ length: 6 }, (_, i) => limiter.run(async () => void events.push(`task ${i}`)));
    await Promise.all(all);
    ticking = false;
    const tasks = events.map((e, i) => (e.startsWith('task') ? i : -1)).filter((i) => i >= 0);
    expect(events.filter((e) => e.startsWith('task'))).toEqual(['task 0', 'task 1', 'task 2', 'task 3', 'task 4', 'task 5']);
    for (let k = 1; k < tasks.length; k += 1) {
      expect(events.slice(tasks[k - 1]! + 1, tasks[k]), `between task ${k - 1} and task ${k}`).toContain('tick');
    }
  });

  it('passes a failure to its caller, frees the slot and keeps going', async () => {
    const limiter = createConcurrencyLimiter(1);
    const failing = limiter.run(async () => {
      throw new Error('boom');
    });
    const throwingSync = limiter.run((() => {
      throw new Error('sync boom');
    }) as () => Promise<void>);
    const next = limiter.run(async () => 'next');
    await expect(failing).rejects.toThrow('boom');
    await expect(throwingSync).rejects.toThrow('sync boom');
    await expect(next).resolves.toBe('next');
    expect([limiter.running, limiter.queued]).toEqual([0, 0]);
  });

  it('keeps order over a long queue (the array it queues in is compacted as it drains)', async () => {
    const limiter = createConcurrencyLimiter(2);
    const order: number[] = [];
    await Promise.all(Array.from({ length: 5000 }, (_, i) => limiter.run(async () => void order.push(i))));
    expect(order).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });

  it('refuses a limit below one', () => {
    expect(() => createConcurrencyLimiter(0)).toThrow(RangeError);
    expect(() => createConcurrencyLimiter(1.5)).toThrow(RangeError);
  });
});
