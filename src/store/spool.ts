import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { AskEvent, ReloadRecord, UnansweredRecord } from './contract.js';

/**
 * A write kept until the database takes it: a question (lines without `kind`
 * are questions, as earlier releases wrote them), a question's count in the
 * analytics, or a reload of the history.
 */
export type SpooledRecord =
  | ({ kind?: 'question' } & UnansweredRecord & { at: number })
  | ({ kind: 'ask' } & AskEvent & { at: number })
  | ({ kind: 'reload' } & ReloadRecord);

/**
 * A local file that keeps the questions (and their counts, and reloads) a
 * process could not write to its database yet (PostgreSQL lost), so that a
 * question is stored, here or there, before its update is acknowledged: a
 * process killed while the database is away loses nothing it acknowledged. One JSON line per record,
 * each write fsynced; the file is removed once its records are in the
 * database. A process of the same host that starts (or gets its database
 * back) later adopts the files of processes that ended without writing them.
 *
 * A spool of kind `journal` keeps, the same way, the updates a polling
 * surface journals while the database is away (`journal-spool.ts`).
 *
 * Files are named `<kind>-<host>-<pid>-<random>.jsonl`: a file is an orphan
 * when its host is this one and its process is gone (or is this process, from
 * an earlier run in a restarted container), and no store of this process
 * owns it. Give each host or container its own folder.
 */
export interface Spool<T = SpooledRecord> {
  readonly dir: string;
  /** Appends records durably (fsync) before returning. */
  keep(records: readonly T[]): void;
  /** Replaces what this file keeps with `records`; removes the file when there are none. */
  rewrite(records: readonly T[]): void;
  /** Takes over orphaned files of this kind of this host: their records, now kept in this spool's file. */
  adoptOrphans(): T[];
}

/** What a spool file keeps: the outbox (unanswered questions, their counts, reloads), or journalled updates. */
export type SpoolKind = 'outbox' | 'journal';

/** Files owned by stores of this process (a second store in one process must not adopt the first one's). */
const owned = new Set<string>();
const HOST = hostname().replace(/[^A-Za-z0-9_.]/g, '_');

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parse<T>(text: string): T[] {
  const records: T[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as T);
    } catch {
      // A line cut short by a crash mid-write was never fsynced, so never acknowledged: skipped.
    }
  }
  return records;
}

function writeDurably(path: string, text: string, flags: 'a' | 'w'): void {
  const fd = openSync(path, flags, 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function createSpool<T = SpooledRecord>(dir: string, kind: SpoolKind = 'outbox'): Spool<T> {
  const fileName = () => `${kind}-${HOST}-${process.pid}-${randomBytes(6).toString('hex')}.jsonl`;
  const named = new RegExp(`^${kind}-(.+)-(\\d+)-[0-9a-f]+\\.jsonl$`);
  const name = fileName();
  const path = join(dir, name);
  owned.add(name);
  let exists = false;
  const lines = (records: readonly T[]) => records.map((r) => `${JSON.stringify(r)}\n`).join('');

  return {
    dir,
    keep(records) {
      if (!records.length) return;
      if (!exists) mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeDurably(path, lines(records), 'a');
      exists = true;
    },
    rewrite(records) {
      if (!records.length) {
        if (exists) rmSync(path, { force: true });
        exists = false;
        return;
      }
      const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
      writeDurably(temp, lines(records), 'w');
      renameSync(temp, path);
      exists = true;
    },
    adoptOrphans() {
      let files: string[];
      try {
        files = readdirSync(dir);
      } catch {
        return [];
      }
      const adopted: T[] = [];
      for (const file of files) {
        const m = named.exec(file);
        if (!m || owned.has(file) || m[1] !== HOST) continue;
        const pid = Number(m[2]);
        if (pid !== process.pid && alive(pid)) continue;
        // Renaming is atomic: of two processes adopting one file, one wins; the other finds it gone. Renamed
        // under this process's id, so that if it dies before the records are in its own file, they are an orphan again.
        const claimed = join(dir, fileName());
        try {
          renameSync(join(dir, file), claimed);
        } catch {
          continue;
        }
        const records = parse<T>(readFileSync(claimed, 'utf8'));
        this.keep(records);
        rmSync(claimed, { force: true });
        adopted.push(...records);
      }
      return adopted;
    },
  };
}
