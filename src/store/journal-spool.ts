import type { JournalEntry, JournalMerge } from './contract.js';
import type { Sealer } from './seal.js';
import { createSpool } from './spool.js';

/** One line of the file: an update fetched (sealed), or one handled. */
interface Line {
  surface: string;
  id: number;
  sealed?: string;
  attempts?: number;
  done?: true;
}

/** An update kept here: fetched and not yet handled (`sealed`), or handled (then only its id, to be forgotten in the database). */
interface Kept {
  sealed?: string;
  attempts: number;
  done: boolean;
}

/** A merge for one surface, with the updates that could not be opened (sealed under another secret), dropped with it. */
export type SurfaceMerge = JournalMerge & { surface: string; unreadable: number[] };

/**
 * The update journal's fallback on disk (a spool of kind `journal`,
 * `spool.ts`): while the database is lost, fetched updates are kept here
 * (sealed, fsynced) before the platform is told they arrived, and handled
 * ones are marked, so polling goes on. `merges()` is what to write into the
 * database once it is back (`StoreBackend.journalMerge`); `merged()` forgets
 * it here. A process of this host that starts later adopts the file of one
 * that ended before its updates reached the database.
 */
export interface JournalSpool {
  readonly dir: string;
  /** Updates and handled marks kept. */
  readonly size: number;
  /** Keeps fetched updates durably before returning; throws when the disk refuses them. */
  add(surface: string, updates: ReadonlyArray<{ id: number; payload: string }>): void;
  /** Whether the update is kept here (fetched while the database was lost, not merged yet). */
  has(surface: string, id: number): boolean;
  /** Marks an update handled, durably: one kept here, or one journalled in the database (forgotten there at the merge). */
  done(surface: string, id: number): void;
  /** One past the highest update kept, if any. */
  offset(surface: string): number | undefined;
  /** Kept and not handled, oldest first; counts an attempt for each (durably). Updates that cannot be opened are dropped: their ids in `unreadable`. */
  pending(surface: string): { entries: JournalEntry[]; unreadable: number[] };
  /** Everything kept, per surface, as the database takes it. */
  merges(): SurfaceMerge[];
  /** `written` is in the database: forgotten here (an update handled since it was taken stays marked). The file goes once empty. */
  merged(written: readonly SurfaceMerge[]): void;
  /** Takes over the files of ended processes of this host; returns how many updates and marks they held. */
  adoptOrphans(): number;
}

export function createJournalSpool(dir: string, sealer: Sealer): JournalSpool {
  const file = createSpool<Line>(dir, 'journal');
  const surfaces = new Map<string, Map<number, Kept>>();
  const of = (surface: string) => surfaces.get(surface) ?? surfaces.set(surface, new Map()).get(surface)!;
  const past = (kept: Map<number, Kept>) => {
    let highest = Number.NEGATIVE_INFINITY;
    for (const id of kept.keys()) highest = Math.max(highest, id);
    return highest + 1;
  };

  function apply(line: Line): void {
    const kept = of(line.surface);
    const before = kept.get(line.id);
    if (line.done) kept.set(line.id, { attempts: 0, done: true });
    else if (!before && line.sealed !== undefined) kept.set(line.id, { sealed: line.sealed, attempts: line.attempts ?? 0, done: false });
  }

  /** The whole state as lines: handled updates lose their payload. */
  function lines(): Line[] {
    const all: Line[] = [];
    for (const [surface, kept] of surfaces) {
      for (const [id, k] of kept) all.push(k.done ? { surface, id, done: true } : { surface, id, sealed: k.sealed!, attempts: k.attempts });
    }
    return all;
  }

  /** The updates kept for `surface` and not handled, oldest first, opened; `unreadable`: those sealed under another secret. */
  function open(surface: string): { entries: JournalEntry[]; unreadable: number[] } {
    const entries: JournalEntry[] = [];
    const unreadable: number[] = [];
    const kept = [...(surfaces.get(surface) ?? [])].filter(([, k]) => !k.done).sort(([a], [b]) => a - b);
    for (const [id, k] of kept) {
      const payload = sealer.open(k.sealed!);
      if (payload === undefined) unreadable.push(id);
      else entries.push({ id, payload, attempts: k.attempts });
    }
    return { entries, unreadable };
  }

  function forget(surface: string, ids: readonly number[]): void {
    const kept = surfaces.get(surface);
    if (!kept) return;
    for (const id of ids) kept.delete(id);
    if (!kept.size) surfaces.delete(surface);
  }

  return {
    dir,
    get size() {
      let n = 0;
      for (const kept of surfaces.values()) n += kept.size;
      return n;
    },
    add(surface, updates) {
      const fresh = updates
        .filter((u) => !surfaces.get(surface)?.has(u.id))
        .map((u): Line => ({ surface, id: u.id, sealed: sealer.seal(u.payload), attempts: 0 }));
      file.keep(fresh);
      for (const line of fresh) apply(line);
    },
    has: (surface, id) => surfaces.get(surface)?.has(id) ?? false,
    done(surface, id) {
      if (surfaces.get(surface)?.get(id)?.done) return;
      const line: Line = { surface, id, done: true };
      file.keep([line]);
      apply(line);
    },
    offset(surface) {
      const kept = surfaces.get(surface);
      return kept?.size ? past(kept) : undefined;
    },
    pending(surface) {
      const found = open(surface);
      if (!found.entries.length && !found.unreadable.length) return found;
      forget(surface, found.unreadable);
      for (const e of found.entries) surfaces.get(surface)!.get(e.id)!.attempts += 1;
      file.rewrite(lines());
      return found;
    },
    merges() {
      return [...surfaces].map(([surface, kept]) => ({
        surface,
        offset: past(kept),
        done: [...kept].filter(([, k]) => k.done).map(([id]) => id),
        ...open(surface),
      }));
    },
    merged(written) {
      for (const m of written) {
        const kept = surfaces.get(m.surface);
        // An update handled since the merge was taken stays, as handled: the next merge forgets it in the database.
        forget(m.surface, [...m.done, ...m.unreadable, ...m.entries.filter((e) => !kept?.get(e.id)?.done).map((e) => e.id)]);
      }
      file.rewrite(lines());
    },
    adoptOrphans() {
      const adopted = file.adoptOrphans();
      for (const line of adopted) apply(line);
      return adopted.length;
    },
  };
}
