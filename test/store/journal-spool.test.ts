import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createJournalSpool } from '../../src/store/journal-spool.js';
import { createSealer } from '../../src/store/seal.js';

const sealer = createSealer('journal-spool-secret-0123456789');
const update = (id: number) => ({ id, payload: JSON.stringify({ update_id: id, message: { chat: { id: 424242424242 }, text: `private question ${id}` } }) });
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-journal-spool-'));
  dirs.push(dir);
  return dir;
};
const files = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('journal-'));
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the update journal kept on disk while the database is lost', () => {
  it('keeps fetched updates sealed, marks handled ones, and gives the offset past the highest kept', () => {
    const dir = tempDir();
    const spool = createJournalSpool(dir, sealer);
    expect(spool.offset('telegram')).toBeUndefined();
    expect(files(dir)).toEqual([]); // nothing kept, no file
    spool.add('telegram', [update(7), update(8)]);
    spool.add('telegram', [update(8)]); // fetched again: kept once
    spool.done('telegram', 7);
    spool.done('telegram', 3); // journalled in the database before: to be forgotten there
    expect(spool.offset('telegram')).toBe(9);
    expect(spool.offset('discord')).toBeUndefined();
    expect(spool.has('telegram', 8)).toBe(true);
    expect(spool.has('telegram', 9)).toBe(false);
    const [file] = files(dir);
    const raw = readFileSync(join(dir, file!), 'utf8');
    expect(raw).not.toContain('424242424242');
    expect(raw).not.toContain('private question');
    expect(spool.merges()).toEqual([
      { surface: 'telegram', entries: [{ id: 8, payload: update(8).payload, attempts: 0 }], done: [7, 3], offset: 9, unreadable: [] },
    ]);
  });

  it('counts an attempt each time what is kept is handed out, durably', () => {
    const dir = tempDir();
    const spool = createJournalSpool(dir, sealer);
    spool.add('telegram', [update(5), update(6)]);
    spool.done('telegram', 6);
    expect(spool.pending('telegram')).toEqual({ entries: [{ id: 5, payload: update(5).payload, attempts: 0 }], unreadable: [] });
    expect(spool.pending('telegram').entries).toEqual([{ id: 5, payload: update(5).payload, attempts: 1 }]);
    const lines = readFileSync(join(dir, files(dir)[0]!), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ id: 5, attempts: 2 }), { surface: 'telegram', id: 6, done: true }]);
  });

  it('forgets what was merged, keeps what came or was handled meanwhile, and removes its file once empty', () => {
    const dir = tempDir();
    const spool = createJournalSpool(dir, sealer);
    spool.add('telegram', [update(1), update(2)]);
    spool.done('telegram', 1);
    const taken = spool.merges();
    // While the merge is being written: 2 is handled, 3 arrives.
    spool.done('telegram', 2);
    spool.add('telegram', [update(3)]);
    spool.merged(taken);
    expect(spool.merges()).toEqual([
      { surface: 'telegram', entries: [{ id: 3, payload: update(3).payload, attempts: 0 }], done: [2], offset: 4, unreadable: [] },
    ]);
    spool.merged(spool.merges());
    expect(spool.size).toBe(0);
    expect(spool.offset('telegram')).toBeUndefined();
    expect(files(dir)).toEqual([]);
  });

  it('a process of the same host adopts the file of one that ended, and drops what another secret sealed', () => {
    const dir = tempDir();
    const ended = createJournalSpool(dir, sealer);
    ended.add('telegram', [update(20), update(21)]);
    ended.done('telegram', 20);
    // As a killed process leaves it: its file, named after a process id that is gone.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const host = hostname().replace(/[^A-Za-z0-9_.]/g, '_');
    renameSync(join(dir, files(dir)[0]!), join(dir, `journal-${host}-${gone}-0123456789ab.jsonl`));
    const foreign = createJournalSpool(dir, createSealer('another-secret-0123456789'));
    foreign.add('telegram', [update(22)]);
    renameSync(join(dir, files(dir).find((f) => !f.includes(`-${gone}-`))!), join(dir, `journal-${host}-${gone}-ba9876543210.jsonl`));

    const next = createJournalSpool(dir, sealer);
    expect(next.adoptOrphans()).toBe(4);
    expect(next.offset('telegram')).toBe(23);
    expect(next.pending('telegram')).toEqual({ entries: [{ id: 21, payload: update(21).payload, attempts: 0 }], unreadable: [22] });
    expect(next.merges()).toEqual([
      { surface: 'telegram', entries: [{ id: 21, payload: update(21).payload, attempts: 1 }], done: [20], offset: 22, unreadable: [] },
    ]);
    expect(files(dir)).toHaveLength(1); // the adopted files are in this process's own
    expect(next.adoptOrphans()).toBe(0);
  });
});
