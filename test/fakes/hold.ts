/**
 * Requests the fake holds unanswered until released: they count as in flight at the bot.
 * Created by a fake's `hold(...)`; released requests are then answered as usual (failures included).
 */
export class Hold {
  private readonly waiting: Array<() => void> = [];
  private readonly watchers = new Set<() => void>();
  private active = true;
  /** The largest number of requests held at once. */
  most = 0;

  constructor(private readonly match: { method?: string; path: RegExp }) {}

  /** Requests held now. */
  get pending(): number {
    return this.waiting.length;
  }

  matches(method: string, path: string): boolean {
    return this.active && (!this.match.method || this.match.method === method) && this.match.path.test(path);
  }

  /** Resolves when the request may go on. */
  enter(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.most = Math.max(this.most, this.waiting.length);
      for (const watch of [...this.watchers]) watch();
    });
  }

  /** Resolves once `count` requests are held at the same time. */
  waitForPending(count: number, timeoutMs = 5000): Promise<void> {
    if (this.pending >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.watchers.delete(watch);
        reject(new Error(`fake: timed out after ${timeoutMs} ms waiting for ${count} held requests (${this.pending} held)`));
      }, timeoutMs);
      const watch = () => {
        if (this.pending < count) return;
        clearTimeout(timer);
        this.watchers.delete(watch);
        resolve();
      };
      this.watchers.add(watch);
    });
  }

  /** Lets the `count` oldest held requests go on (all by default). */
  release(count = this.waiting.length): void {
    for (const resolve of this.waiting.splice(0, count)) resolve();
  }

  /** Holds nothing more; what is held stays held until released. */
  pass(): void {
    this.active = false;
  }

  /** Releases everything and holds nothing more. */
  stop(): void {
    this.active = false;
    this.release();
  }
}
